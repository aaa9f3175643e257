import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type CollabDatabase,
  type CollabProcess,
  connectClient,
  editorWorld,
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

  const logged = async () => (await replayLog(world.db, projectId)).doc.getMap('m').toJSON()

  it('other clients see an edit before its sender is acknowledged; every acknowledgement follows the log', async () => {
    const name = `${projectId}/design`
    const sender = connectClient({ url: server.url, name, token })
    const receiver = connectClient({ url: server.url, name, token })
    clients.push(sender, receiver)
    await Promise.all([sender.synced, receiver.synced])

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
})
