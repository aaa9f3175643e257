import { createHash } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { blobs, commitFiles, commits, projectMembers, projects } from '../../lib/db'
import { applyFiles, exportProject } from '../../lib/doc'
import { projectIdentity } from '../../lib/formats'
import type { PublicUser } from '../../lib/service/accounts'
import {
  commitProject,
  commitZip,
  diffCommits,
  diffWorkingCopy,
  getCommitFiles,
  getCommitYjsState,
  importProjectArchive,
  listCommits,
  loadDesignDoc,
  restoreCommit,
} from '../../lib/service/commits'
import { type CollabServer, startCollabServer } from '../../server/collab/index'
import { LiveDocumentError, liveEditorFor, withLiveDocument } from '../../server/collab-client'
import {
  type CollabDatabase,
  connectClient,
  createCollabDatabase,
  eventually,
  seedProject,
  seedUser,
  sessionToken,
  testSecret,
} from '../collab/collab-fixture'
import { ordersDb, smallProject } from './small-project'

const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
let idSeq = 0
const freshProjectId = () => `prj_CommitImport${String(Date.now()).slice(-8)}${String(++idSeq).padStart(4, '0')}`

describe('commits, history, diff, restore, import (real PostgreSQL, real collab server)', () => {
  let world: CollabDatabase
  let server: CollabServer
  let owner: PublicUser
  let edit: ReturnType<typeof liveEditorFor>

  beforeAll(async () => {
    world = await createCollabDatabase('commits_suite')
    server = await startCollabServer({ db: world.db, secret: testSecret })
    owner = await seedUser(world.db, 'committer')
    edit = liveEditorFor({ collabUrl: server.url, secret: testSecret, service: 'test' })
  })
  afterAll(async () => {
    await server?.stop()
    await world?.dispose()
  })

  async function projectWith(files: Record<string, string>): Promise<string> {
    const projectId = await seedProject(world.db, owner)
    await withLiveDocument({ collabUrl: server.url, projectId, secret: testSecret }, (doc) => applyFiles(doc, files))
    return projectId
  }

  it('loadDesignDoc reads the durable log without the server: export equals the seeded files', async () => {
    const files = smallProject()
    const projectId = await projectWith(files)
    const doc = await loadDesignDoc(world.db, projectId)
    expect(exportProject(doc)).toEqual(files)
  })

  it('refuses to commit an invalid design, with located problems, and stores nothing', async () => {
    const broken = JSON.parse(ordersDb) as Record<string, unknown>
    delete broken.description
    const projectId = await projectWith({
      ...smallProject(),
      'infra/databases/orders-db.database.json': `${JSON.stringify(broken, null, 2)}\n`,
    })
    const result = await commitProject(world.db, { projectId, authorId: owner.id, message: 'broken' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-design')
    const problem = result.error.problems?.find((p) => p.file === 'infra/databases/orders-db.database.json')
    expect(problem).toMatchObject({ severity: 'error', rule: 'schema.required', pointer: '/description' })
    expect(problem?.line).toBeGreaterThan(0)
    expect(await world.db.select().from(commits).where(eq(commits.projectId, projectId))).toEqual([])
  })

  it('withLiveDocument reports a refused credential as a LiveDocumentError, changing nothing', async () => {
    const projectId = await seedProject(world.db, owner)
    const attempt = withLiveDocument(
      { collabUrl: server.url, projectId, secret: 'not-the-server-secret-not-the-server-secret' },
      (doc) => applyFiles(doc, smallProject()),
    )
    await expect(attempt).rejects.toBeInstanceOf(LiveDocumentError)
    await expect(attempt).rejects.toMatchObject({ failure: 'refused' })
    expect(exportProject(await loadDesignDoc(world.db, projectId))).toEqual({})
  })

  it('serializes concurrent commits of one project: one lands, the other finds nothing new', async () => {
    const projectId = await projectWith(smallProject())
    const results = await Promise.all(
      ['a', 'b', 'c'].map((message) => commitProject(world.db, { projectId, authorId: owner.id, message })),
    )
    expect(results.map((r) => (r.ok ? 'committed' : r.error.code)).sort()).toEqual([
      'committed',
      'no-changes',
      'no-changes',
    ])
    const history = await listCommits(world.db, projectId)
    expect(history.map((c) => c.parentId)).toEqual([null])
  })

  describe('one project with two commits', () => {
    let projectId: string
    let first: string
    let second: string
    const v1 = smallProject()
    const v2 = {
      ...v1,
      // One field: the path parameter's maxLength is lowered (a breaking change for clients).
      'apis/orders.openapi.yaml': (v1['apis/orders.openapi.yaml'] ?? '').replace('maxLength: 64', 'maxLength: 8'),
    }

    beforeAll(async () => {
      projectId = await projectWith(v1)
      const c1 = await commitProject(world.db, { projectId, authorId: owner.id, message: 'first' })
      if (!c1.ok) throw new Error(JSON.stringify(c1.error))
      first = c1.value.id
      await edit(projectId, (doc) => applyFiles(doc, v2))
      const c2 = await commitProject(world.db, { projectId, authorId: owner.id, message: 'second' })
      if (!c2.ok) throw new Error(JSON.stringify(c2.error))
      second = c2.value.id
    })

    it('stores files content-addressed: unchanged files share one blob, keyed by sha256 of their bytes', async () => {
      const rows = await world.db
        .select()
        .from(commitFiles)
        .where(inArray(commitFiles.commitId, [first, second]))
      const at = (commitId: string, path: string) =>
        rows.find((r) => r.commitId === commitId && r.path === path)?.sha256
      const dbPath = 'infra/databases/orders-db.database.json'
      expect(at(first, dbPath)).toBe(sha256(v1[dbPath] ?? ''))
      expect(at(second, dbPath)).toBe(at(first, dbPath))
      expect(at(second, 'apis/orders.openapi.yaml')).toBe(sha256(v2['apis/orders.openapi.yaml'] ?? ''))
      expect(at(second, 'apis/orders.openapi.yaml')).not.toBe(at(first, 'apis/orders.openapi.yaml'))
      const shared = await world.db
        .select()
        .from(blobs)
        .where(eq(blobs.sha256, at(first, dbPath) ?? ''))
      expect(shared).toHaveLength(1)
      expect(decode(shared[0]?.bytes ?? new Uint8Array())).toBe(v1[dbPath])
    })

    it('keeps the files, the project identity and the full Yjs state of each commit', async () => {
      expect(await getCommitFiles(world.db, { projectId, commitId: first })).toEqual(v1)
      expect(await getCommitFiles(world.db, { projectId, commitId: second })).toEqual(v2)
      const [row] = await world.db.select().from(commits).where(eq(commits.id, second))
      expect(row?.projectIdentity).toBe(await projectIdentity(v2))
      const state = await getCommitYjsState(world.db, { projectId, commitId: first })
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state ?? new Uint8Array())
      expect(exportProject(doc)).toEqual(v1)
    })

    it('lists history newest first with parents and authors; an unchanged design is not committed again', async () => {
      const history = await listCommits(world.db, projectId)
      expect(history.map((c) => [c.id, c.parentId, c.message])).toEqual([
        [second, first, 'second'],
        [first, null, 'first'],
      ])
      expect(history[0]).toMatchObject({ authorId: owner.id, authorName: owner.name, fileCount: 3 })
      const again = await commitProject(world.db, { projectId, authorId: owner.id, message: 'again' })
      expect(again.ok ? 'committed' : again.error.code).toBe('no-changes')
      expect(await listCommits(world.db, projectId)).toHaveLength(2)
    })

    it('gives a commit as a zip whose entries are exactly its files, the same bytes every time', async () => {
      const zip = await commitZip(world.db, { projectId, commitId: first })
      const entries = unzipSync(zip ?? new Uint8Array())
      expect(Object.fromEntries(Object.entries(entries).map(([p, b]) => [p, decode(b)]))).toEqual(v1)
      expect(await commitZip(world.db, { projectId, commitId: first })).toEqual(zip)
      expect(await commitZip(world.db, { projectId: 'prj_other', commitId: first })).toBeNull()
    })

    it('diffs two commits, flagging the narrowed parameter as breaking', async () => {
      const diff = await diffCommits(world.db, { projectId, from: first, to: second })
      expect(diff.ok).toBe(true)
      if (!diff.ok) return
      expect(diff.value.changes).toHaveLength(1)
      expect(diff.value.changes[0]).toMatchObject({
        area: 'api',
        file: 'apis/orders.openapi.yaml',
        element: 'operation GET /orders/{orderId}',
        breaking: 'constraint-narrowed',
        before: 64,
        after: 8,
      })
      const own = await diffCommits(world.db, { projectId, to: second })
      expect(own.ok && own.value.changes).toEqual(diff.value.changes)
    })

    it('diffs the working copy against a commit', async () => {
      const clean = await diffWorkingCopy(world.db, { projectId })
      expect(clean.ok && clean.value.changes).toEqual([])
      const sinceFirst = await diffWorkingCopy(world.db, { projectId, from: first })
      expect(sinceFirst.ok && sinceFirst.value.breaking).toBe(1)
    })

    it('restores a commit as a small live update that a connected client sees; history is not rewritten', async () => {
      const token = await sessionToken(owner)
      const client = connectClient({ url: server.url, name: `${projectId}/design`, token })
      try {
        await client.synced
        expect(exportProject(client.doc)).toEqual(v2)
        const received: Uint8Array[] = []
        client.doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === client.provider) received.push(update)
        })
        const restored = await restoreCommit(world.db, { projectId, commitId: first, edit })
        expect(restored.ok).toBe(true)
        if (!restored.ok) return
        expect(restored.value.diff.changes.map((c) => c.field)).toEqual(['parameter path orderId maxLength'])
        expect(
          await eventually(
            () => exportProject(client.doc)['apis/orders.openapi.yaml'] === v1['apis/orders.openapi.yaml'],
          ),
        ).toBe(true)
        expect(exportProject(client.doc)).toEqual(v1)
        // One transaction, one small update: a one-field change, not a rebuilt document.
        expect(received).toHaveLength(1)
        expect(received[0]?.byteLength).toBeLessThan(600)
        expect(Y.encodeStateAsUpdate(client.doc).byteLength).toBeGreaterThan(10 * (received[0]?.byteLength ?? 0))
      } finally {
        client.destroy()
      }
      expect((await listCommits(world.db, projectId)).map((c) => c.id)).toEqual([second, first])
      const now = await diffWorkingCopy(world.db, { projectId, from: first })
      expect(now.ok && now.value.changes).toEqual([])
    })
  })

  describe('import', () => {
    async function projectCount(): Promise<number> {
      return (await world.db.select({ id: projects.id }).from(projects)).length
    }

    it('imports a good zip as a new project owned by the caller whose export equals the files', async () => {
      const id = freshProjectId()
      const files = smallProject(id)
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])))
      const result = await importProjectArchive(world.db, {
        ownerId: owner.id,
        orgId: owner.personalOrgId ?? '',
        source: { zip },
        edit,
      })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.value.project).toMatchObject({ id, name: 'small' })
      const [member] = await world.db.select().from(projectMembers).where(eq(projectMembers.projectId, id))
      expect(member).toMatchObject({ userId: owner.id, role: 'owner' })
      expect(exportProject(await loadDesignDoc(world.db, id))).toEqual(files)
      const committed = await commitProject(world.db, { projectId: id, authorId: owner.id, message: 'imported' })
      expect(committed.ok).toBe(true)
    })

    it('imports a folder under one top directory, skipping hidden files; a taken id gets a fresh one', async () => {
      const id = freshProjectId()
      const files = smallProject(id)
      const entries = [
        ...Object.entries(files).map(([p, t]) => ({ path: `small/${p}`, bytes: strToU8(t) })),
        { path: 'small/.DS_Store', bytes: new Uint8Array([0, 1, 2, 255]) },
      ]
      const once = await importProjectArchive(world.db, {
        ownerId: owner.id,
        orgId: owner.personalOrgId ?? '',
        source: { entries },
        edit,
      })
      expect(once.ok && [once.value.project.id, once.value.skipped]).toEqual([id, ['small/.DS_Store']])
      const twice = await importProjectArchive(world.db, {
        ownerId: owner.id,
        orgId: owner.personalOrgId ?? '',
        source: { entries },
        edit,
      })
      expect(twice.ok).toBe(true)
      if (!twice.ok) return
      expect(twice.value.project.id).not.toBe(id)
      expect(twice.value.newId).toBe(true)
      const exported = exportProject(await loadDesignDoc(world.db, twice.value.project.id))
      expect(JSON.parse(exported['backplane.json'] ?? '{}').id).toBe(twice.value.project.id)
      expect({ ...exported, 'backplane.json': '' }).toEqual({ ...files, 'backplane.json': '' })
    })

    const zipOf = (entries: Record<string, Uint8Array>) => zipSync(entries)
    const good = () =>
      Object.fromEntries(Object.entries(smallProject(freshProjectId())).map(([p, t]) => [p, strToU8(t)]))
    const bad: Array<
      [string, () => { zip: Uint8Array } | { entries: { path: string; bytes: Uint8Array }[] }, string, RegExp]
    > = [
      [
        'not a zip',
        () => ({ zip: strToU8('this is not a zip archive at all') }),
        'invalid-archive',
        /not a readable \.zip/,
      ],
      ['a truncated zip', () => ({ zip: zipOf(good()).slice(0, 200) }), 'invalid-archive', /not a readable \.zip/],
      [
        'path traversal',
        () => ({ zip: zipOf({ ...good(), '../evil.json': strToU8('{}') }) }),
        'invalid-archive',
        /leaving the project folder/,
      ],
      [
        'an absolute path',
        () => ({
          entries: [
            ...Object.entries(good()).map(([path, bytes]) => ({ path, bytes })),
            { path: '/etc/passwd', bytes: strToU8('x') },
          ],
        }),
        'invalid-archive',
        /absolute path/,
      ],
      [
        'a backslash path',
        () => ({ zip: zipOf({ ...good(), 'apis\\..\\x.yaml': strToU8('x') }) }),
        'invalid-archive',
        /backslashes/,
      ],
      [
        'a non-UTF-8 file',
        () => ({ zip: zipOf({ ...good(), 'processes/x.process.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }) }),
        'invalid-archive',
        /not UTF-8/,
      ],
      [
        'no backplane.json',
        () => {
          const files = good()
          delete files['backplane.json']
          return { zip: zipOf(files) }
        },
        'invalid-archive',
        /no backplane\.json/,
      ],
      [
        'an unreadable manifest',
        () => ({ zip: zipOf({ ...good(), 'backplane.json': strToU8('{ "format": ') }) }),
        'invalid-archive',
        /backplane\.json:\d+:\d+/,
      ],
      [
        'a file that is too big',
        () => ({ zip: zipOf({ ...good(), 'apis/huge.yaml': new Uint8Array(300_000).fill(0x61) }) }),
        'archive-too-large',
        /larger than/,
      ],
      ['too big an archive', () => ({ zip: new Uint8Array(2_000_001) }), 'archive-too-large', /archive is larger/],
    ]
    for (const [what, source, code, message] of bad) {
      it(`refuses ${what} with a reason and creates nothing`, async () => {
        const before = await projectCount()
        const result = await importProjectArchive(world.db, {
          ownerId: owner.id,
          orgId: owner.personalOrgId ?? '',
          source: source(),
          edit,
          limits: { archiveBytes: 2_000_000, totalBytes: 1_000_000, fileBytes: 200_000, files: 100 },
        })
        expect(result.ok).toBe(false)
        if (result.ok) return
        expect(result.error.code).toBe(code)
        expect(result.error.message).toMatch(message)
        expect(await projectCount()).toBe(before)
      })
    }

    it('creates nothing when the collab server cannot seed the project', async () => {
      const before = await projectCount()
      const zip = zipOf(good())
      const unreachable = liveEditorFor({ collabUrl: 'ws://127.0.0.1:9', secret: testSecret, timeoutMs: 1_500 })
      const result = await importProjectArchive(world.db, {
        ownerId: owner.id,
        orgId: owner.personalOrgId ?? '',
        source: { zip },
        edit: unreachable,
      })
      expect(result.ok ? 'imported' : result.error.code).toBe('collab-unavailable')
      expect(await projectCount()).toBe(before)
    })
  })
})
