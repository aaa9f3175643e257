import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { COLLECTION, exportProject, importProject, renameEntity } from '../../lib/doc'
import { ENTITY_KINDS } from '../../lib/doc/layout'
import {
  type CollabDatabase,
  type CollabProcess,
  connectClient,
  createCollabDatabase,
  eventually,
  readDocument,
  seededRandom,
  seedProject,
  seedUser,
  sessionToken,
  sleep,
  spawnCollab,
  type TestClient,
} from './collab-fixture'

function readFolder(dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) readFolder(path, root, out)
    else out[relative(root, path)] = readFileSync(path, 'utf8')
  }
  return out
}

/**
 * The live design document of a real project (examples/shop, through lib/doc's importProject) edited by several
 * clients with concurrent renames and disconnects through the real server: every replica converges, and the
 * converged document exports (exportProject never throws on a merged design, DESIGN §5) to identical files.
 */
describe('a real project document converges through the server and exports', () => {
  let world: CollabDatabase
  let server: CollabProcess
  let projectId: string
  let token: string

  beforeAll(async () => {
    world = await createCollabDatabase('collab_project')
    const owner = await seedUser(world.db, 'project')
    projectId = await seedProject(world.db, owner)
    token = await sessionToken(owner)
    server = await spawnCollab({ databaseUrl: world.database.url })
  })
  afterAll(async () => {
    await server?.stop()
    await world?.dispose()
  })

  it('concurrent renames of every entity kind over 4 clients (seed 11)', async () => {
    const random = seededRandom(11)
    const name = `${projectId}/design`
    const { doc: imported } = importProject(readFolder('examples/shop'))
    const clients: TestClient[] = Array.from({ length: 4 }, () => connectClient({ url: server.url, name, token }))
    await Promise.all(clients.map((c) => c.synced))
    Y.applyUpdate(clients[0]?.doc ?? new Y.Doc(), Y.encodeStateAsUpdate(imported))
    await clients[0]?.acked()
    const entities = ENTITY_KINDS.flatMap((kind) =>
      [...imported.getMap(COLLECTION[kind]).keys()].map((id) => ({ kind, id })),
    )
    expect(entities.length).toBeGreaterThan(3)
    expect(await eventually(() => clients.every((c) => c.doc.getMap('processes').size > 0))).toBe(true)
    let renames = 0
    for (let step = 0; step < 120; step++) {
      const client = clients[Math.floor(random() * clients.length)] as TestClient
      const entity = entities[Math.floor(random() * entities.length)]
      if (!entity) continue
      if (random() < 0.05) {
        client.socket.disconnect()
        setTimeout(() => void client.socket.connect(), 20 + Math.floor(random() * 200))
      }
      if (renameEntity(client.doc, entity.kind, entity.id, `renamed-${step}`)) renames++
      if (random() < 0.3) await sleep(Math.floor(random() * 10))
    }
    let polls = 0
    const settled = await eventually(() => {
      if (++polls % 40 === 0) for (const c of clients) if (c.socket.status !== 'connected') void c.socket.connect()
      return clients.every((c) => c.socket.status === 'connected' && c.provider.unsyncedChanges === 0)
    }, 45_000)
    expect(settled).toBe(true)
    const exportOf = (doc: Y.Doc) => JSON.stringify(exportProject(doc))
    expect(await eventually(() => new Set(clients.map((c) => exportOf(c.doc))).size === 1, 30_000)).toBe(true)
    const fresh = await readDocument(server.url, name, token)
    const files = exportProject(fresh)
    expect(JSON.stringify(files)).toBe(exportOf(clients[0]?.doc ?? new Y.Doc()))
    expect(Object.keys(files)).toContain('backplane.json')
    expect(renames).toBeGreaterThan(50)
    for (const c of clients) c.destroy()
  }, 150_000)
})
