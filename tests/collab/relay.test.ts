import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CollabClose } from '../../server/collab/close-codes'
import {
  type CollabDatabase,
  type CollabProcess,
  connectClient,
  editorWorld,
  eventually,
  readDocument,
  replayLog,
  type TestClient,
} from './collab-fixture'

/**
 * Relaying does not wait for the log, acknowledging does (DESIGN §5; docs/decisions/collab.md). The server is
 * started with the test-only append→ack delay, so "relayed before acknowledged" is an ordering the test can see.
 */
describe('collab relay before acknowledgement', () => {
  let world: CollabDatabase
  let server: CollabProcess
  let projectId: string
  let token: string
  const clients: TestClient[] = []

  beforeAll(async () => {
    ;({ world, server, projectId, token } = await editorWorld('relay', {
      BACKPLANE_COLLAB_TEST_AFTER_APPEND_DELAY_MS: '2000',
    }))
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server?.stop()
    await world?.dispose()
  })

  const logged = async (doc: 'design' | 'discussion' = 'design') =>
    (await replayLog(world.db, projectId, doc)).doc.getMap('m').toJSON()

  /** Two synced clients of one of the project's documents. */
  async function pair(doc: 'design' | 'discussion'): Promise<[TestClient, TestClient]> {
    const name = `${projectId}/${doc}`
    const both: [TestClient, TestClient] = [
      connectClient({ url: server.url, name, token }),
      connectClient({ url: server.url, name, token }),
    ]
    clients.push(...both)
    await Promise.all(both.map((c) => c.synced))
    return both
  }

  it('other clients see an edit before its sender is acknowledged; every acknowledgement follows the log', async () => {
    const [sender, receiver] = await pair('design')

    const seen = new Promise<number>((resolve) => {
      receiver.doc.getMap('m').observe((event) => {
        if (event.keysChanged.has('a')) resolve(sender.provider.unsyncedChanges)
      })
    })
    sender.doc.getMap('m').set('a', 1)
    // Still unacknowledged by the time it is visible at the other client.
    expect(await seen).toBeGreaterThan(0)
    await sender.acked()
    expect(await logged()).toMatchObject({ a: 1 })

    // An edit made on top of a relayed one is acknowledged only once what it was built on is logged too.
    receiver.doc.getMap('m').set('b', 2)
    await receiver.acked()
    expect(await logged()).toEqual({ a: 1, b: 2 })
    expect(sender.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 })
  })

  it('an append that fails closes every connection of the document; the edit is logged once storage is back', async () => {
    const [sender, watcher] = await pair('discussion')
    // Storage refuses every new row (existing rows are not re-checked).
    await world.db.execute(sql`alter table yjs_updates add constraint relay_test_refuse check (false) not valid`)
    const closedBoth = eventually(
      () => [sender, watcher].every((c) => c.closes.some((e) => e.code === CollabClose.storageUnavailable.code)),
      20_000,
    )
    sender.doc.getMap('m').set('refused', 1)
    expect(await closedBoth).toBe(true)
    // Never acknowledged, so the provider still holds it as unsynced.
    expect(sender.provider.unsyncedChanges).toBeGreaterThan(0)
    expect(await logged('discussion')).toEqual({})
    await world.db.execute(sql`alter table yjs_updates drop constraint relay_test_refuse`)
    // The providers reconnect to a document reloaded from the log and send back what it lacks.
    await sender.acked()
    expect(await logged('discussion')).toEqual({ refused: 1 })
    const fresh = await readDocument(server.url, `${projectId}/discussion`, token)
    expect(fresh.getMap('m').toJSON()).toEqual({ refused: 1 })
  })
})
