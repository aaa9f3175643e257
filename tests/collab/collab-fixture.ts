import { type ChildProcess, spawn } from 'node:child_process'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { and, eq } from 'drizzle-orm'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { issueServiceToken, issueSessionToken } from '../../lib/auth'
import { createDb, type Db, type DbConnection, type DocKind, migrate, yjsUpdates } from '../../lib/db'
import {
  createProject,
  createShareLink,
  createUser,
  type PublicUser,
  setProjectMember,
} from '../../lib/service/accounts'
import { NodeWebSocket } from '../../server/collab-client/node-websocket'
import { createTestDatabase, type TestDatabase } from '../harness/env'

export const testSecret = 'collab-test-secret-collab-test-secret-0123'
const fastScrypt = { logN: 10, r: 8, p: 1 }

/** A migrated database on the run's real PostgreSQL, with a connection for seeding and inspecting. */
export interface CollabDatabase {
  database: TestDatabase
  conn: DbConnection
  db: Db
  dispose(): Promise<void>
}

export async function createCollabDatabase(prefix: string): Promise<CollabDatabase> {
  const database = await createTestDatabase(prefix)
  const conn = createDb(database.url, { max: 4 })
  await migrate(conn.db)
  return {
    database,
    conn,
    db: conn.db,
    async dispose() {
      await conn.close()
      await database.drop()
    },
  }
}

let userSeq = 0
export async function seedUser(db: Db, tag: string): Promise<PublicUser> {
  const result = await createUser(db, {
    email: `${tag}-${++userSeq}-${Date.now()}@example.com`,
    name: tag,
    scrypt: fastScrypt,
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

export async function seedProject(db: Db, owner: PublicUser): Promise<string> {
  const result = await createProject(db, { orgId: owner.personalOrgId ?? '', name: 'Shop', ownerId: owner.id })
  if (!result.ok) throw new Error(result.error.message)
  return result.value.id
}

export const sessionToken = (user: PublicUser) => issueSessionToken({ user, secret: testSecret })
export const serviceToken = (service = 'test') => issueServiceToken({ secret: testSecret, service })

/** A project with one user per role, two share links, and a token for each credential. */
export async function seedRoles(db: Db) {
  const owner = await seedUser(db, 'owner')
  const projectId = await seedProject(db, owner)
  const users: Record<'owner' | 'editor' | 'commenter' | 'viewer', PublicUser> = {
    owner,
    editor: await seedUser(db, 'editor'),
    commenter: await seedUser(db, 'commenter'),
    viewer: await seedUser(db, 'viewer'),
  }
  for (const role of ['editor', 'commenter', 'viewer'] as const) {
    await setProjectMember(db, { projectId, userId: users[role].id, role })
  }
  const viewLink = await createShareLink(db, { projectId, createdBy: owner.id })
  const commentLink = await createShareLink(db, { projectId, createdBy: owner.id, canComment: true })
  const tokens = {
    owner: await sessionToken(users.owner),
    editor: await sessionToken(users.editor),
    commenter: await sessionToken(users.commenter),
    viewer: await sessionToken(users.viewer),
    'share-viewer': viewLink.token,
    'share-commenter': commentLink.token,
    service: await serviceToken(),
  }
  return { projectId, users, tokens, viewLink, commentLink }
}

export async function logRowCount(db: Db, projectId: string): Promise<number> {
  return (await db.select({ seq: yjsUpdates.seq }).from(yjsUpdates).where(eq(yjsUpdates.projectId, projectId))).length
}

/** Every logged row of a project (of one of its documents, if given) replayed into one document. */
export async function replayLog(
  db: Db,
  projectId: string,
  docKind?: DocKind,
): Promise<{ doc: Y.Doc; rows: number; bytes: number }> {
  const rows = await db
    .select()
    .from(yjsUpdates)
    .where(
      docKind
        ? and(eq(yjsUpdates.projectId, projectId), eq(yjsUpdates.doc, docKind))
        : eq(yjsUpdates.projectId, projectId),
    )
  const doc = new Y.Doc()
  for (const row of rows) Y.applyUpdate(doc, row.update)
  return { doc, rows: rows.length, bytes: rows.reduce((n, r) => n + r.update.byteLength, 0) }
}

/** One editor with one project, and a collab server of its own started with `env`: most suites start so. */
export async function editorWorld(
  tag: string,
  env?: Record<string, string>,
): Promise<{ world: CollabDatabase; server: CollabProcess; projectId: string; token: string }> {
  const world = await createCollabDatabase(`collab_${tag}`)
  const editor = await seedUser(world.db, tag)
  const projectId = await seedProject(world.db, editor)
  const token = await sessionToken(editor)
  const server = await spawnCollab({ databaseUrl: world.database.url, env })
  return { world, server, projectId, token }
}

/** A collab server in its own Node process (`server/collab.ts`), as in production. */
export interface CollabProcess {
  url: string
  child: ChildProcess
  output(): string
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>
  stop(): Promise<void>
  alive(): boolean
}

// Every server this worker spawned dies with it, even when a timed-out test never reached its teardown.
const spawned = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of spawned) child.kill('SIGKILL')
})

export async function spawnCollab(options: {
  databaseUrl: string
  env?: Record<string, string>
}): Promise<CollabProcess> {
  // node --import tsx (not the tsx CLI, which forks a child): the pid we kill is the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/collab.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      BACKPLANE_AUTH_SECRET: testSecret,
      COLLAB_PORT: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  spawned.add(child)
  let out = ''
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      spawned.delete(child)
      resolve()
    }),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collab did not start:\n${out}`)), 30_000)
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-20_000)
      const match = /collab: listening (ws:\/\/\S+)/.exec(out)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`collab exited (${code}) before listening:\n${out}`))
    })
  })
  const alive = () => child.exitCode === null && child.signalCode === null
  return {
    url,
    child,
    output: () => out,
    alive,
    async kill9() {
      if (alive()) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (alive()) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** A real provider client over a real WebSocket, with helpers to observe acknowledgement. */
export interface TestClient {
  doc: Y.Doc
  provider: HocuspocusProvider
  /** Resolves once the first sync completed. */
  synced: Promise<void>
  /** Resolves true when authenticated, false with the reason kept in `refusal` when refused. */
  authenticated: Promise<boolean>
  refusal(): string | undefined
  /** Resolves when `unsyncedChanges` is back to 0 (everything sent so far was acknowledged). */
  acked(): Promise<void>
  /** Next SyncStatus frame from the server: true = applied (and logged), false = refused (read-only). */
  nextSyncStatus(): Promise<boolean>
  closes: Array<{ code: number; reason: string }>
  /** The shared socket: `disconnect()` / `connect()` simulate network loss. */
  socket: HocuspocusProviderWebsocket
  destroy(): void
}

export function connectClient(options: { url: string; name: string; token: string; doc?: Y.Doc }): TestClient {
  const doc = options.doc ?? new Y.Doc()
  let refusal: string | undefined
  const statusWaiters: Array<(ok: boolean) => void> = []
  const closes: Array<{ code: number; reason: string }> = []
  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    WebSocketPolyfill: NodeWebSocket,
    // Fast reconnects keep the tests short; the provider's own backoff is tested upstream.
    delay: 50,
    minDelay: 50,
    maxDelay: 500,
  })
  socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    closes.push({ code: event.code, reason: String(event.reason ?? '') })
  })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.name,
    document: doc,
    token: options.token,
  })
  provider.attach()
  provider.on('message', ({ event }: { event: { data: ArrayBuffer | Uint8Array } }) => {
    try {
      const bytes = event.data instanceof Uint8Array ? event.data : new Uint8Array(event.data)
      const decoder = decoding.createDecoder(bytes)
      decoding.readVarString(decoder)
      if (decoding.readVarUint(decoder) !== 8) return
      const applied = decoding.readVarInt(decoder) === 1
      statusWaiters.shift()?.(applied)
    } catch {
      // Not a frame we decode; the provider handles it.
    }
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    provider.on('synced', () => resolve())
  })
  const authenticated = new Promise<boolean>((resolve) => {
    provider.on('authenticated', () => resolve(true))
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      refusal = reason
      resolve(false)
    })
  })
  return {
    doc,
    provider,
    synced,
    authenticated,
    refusal: () => refusal,
    closes,
    acked: () =>
      new Promise<void>((resolve) => {
        if (provider.unsyncedChanges === 0) return resolve()
        const onChange = ({ number }: { number: number }) => {
          if (number === 0) {
            provider.off('unsyncedChanges', onChange)
            resolve()
          }
        }
        provider.on('unsyncedChanges', onChange)
      }),
    nextSyncStatus: () => new Promise<boolean>((resolve) => statusWaiters.push(resolve)),
    socket,
    destroy: () => {
      provider.destroy()
      socket.destroy()
    },
  }
}

/** Connects a fresh client, waits for its first sync, returns a copy of the document, disconnects. */
export async function readDocument(url: string, name: string, token: string): Promise<Y.Doc> {
  const client = connectClient({ url, name, token })
  await client.synced
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc))
  client.destroy()
  return copy
}

/** Hocuspocus wire frames, for clients that do not behave. */
export const frames = {
  auth(documentName: string, token: string): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, documentName)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, token)
    return encoding.toUint8Array(e)
  },
  /** messageType 0 = Sync (4 = SyncReply); syncType 1 = step 2, 2 = update. */
  sync(documentName: string, update: Uint8Array, syncType = 2, messageType = 0): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, documentName)
    encoding.writeVarUint(e, messageType)
    encoding.writeVarUint(e, syncType)
    encoding.writeVarUint8Array(e, update)
    return encoding.toUint8Array(e)
  },
  stateless(documentName: string, payload: string): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, documentName)
    encoding.writeVarUint(e, 5)
    encoding.writeVarString(e, payload)
    return encoding.toUint8Array(e)
  },
}

/** A raw WebSocket speaking Hocuspocus framing by hand. */
export interface RawClient {
  ws: WebSocket
  authenticated: Promise<boolean>
  syncStatuses: boolean[]
  closed: Promise<{ code: number; reason: string }>
  send(frame: Uint8Array): void
}

export async function rawClient(url: string, documentName: string, token: string): Promise<RawClient> {
  const ws = new WebSocket(url)
  ws.binaryType = 'arraybuffer'
  const syncStatuses: boolean[] = []
  let settleAuth: (ok: boolean) => void = () => {}
  const authenticated = new Promise<boolean>((resolve) => {
    settleAuth = resolve
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      settleAuth(false)
      resolve({ code, reason: reason.toString() })
    })
  })
  ws.on('message', (data: ArrayBuffer) => {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      decoding.readVarString(decoder)
      const type = decoding.readVarUint(decoder)
      if (type === 2) settleAuth(decoding.readVarUint(decoder) === 2)
      if (type === 8) syncStatuses.push(decoding.readVarInt(decoder) === 1)
    } catch {
      // ignore
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  ws.send(frames.auth(documentName, token))
  return {
    ws,
    authenticated,
    syncStatuses,
    closed,
    send: (frame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame)
    },
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return true
    await sleep(25)
  }
  return check()
}

/** A small seeded PRNG (mulberry32) so failing runs can be replayed from the printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
