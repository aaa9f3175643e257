import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type CollabDatabase,
  type CollabProcess,
  connectClient,
  editorWorld,
  frames,
  logRowCount,
  rawClient,
  readDocument,
  replayLog,
  seededRandom,
  type TestClient,
} from './collab-fixture'

const maxMessageBytes = 64 * 1024
const maxDocumentBytes = 256 * 1024

function update(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  build(doc)
  return Y.encodeStateAsUpdate(doc)
}

/**
 * Hostile input from an authenticated editor: random bytes, truncated and corrupted updates, oversized frames, floods
 * and a document growing past its limit. The server survives, the document is unchanged, the log holds only
 * updates that apply.
 */
describe('collab hostile input', () => {
  let world: CollabDatabase
  let server: CollabProcess
  let projectId: string
  let token: string
  let keeper: TestClient
  const name = () => `${projectId}/design`

  beforeAll(async () => {
    ;({ world, server, projectId, token } = await editorWorld('hostile', {
      BACKPLANE_COLLAB_MAX_MESSAGE_BYTES: String(maxMessageBytes),
      BACKPLANE_COLLAB_MAX_DOCUMENT_BYTES: String(maxDocumentBytes),
    }))
    keeper = connectClient({ url: server.url, name: name(), token })
    await keeper.synced
    keeper.doc.getMap('m').set('legit', 'value')
    await keeper.acked()
  })
  afterAll(async () => {
    keeper?.destroy()
    await server?.stop()
    await world?.dispose()
  })

  async function expectUnharmed(before: string, rowsBefore: number) {
    expect(server.alive()).toBe(true)
    const copy = await readDocument(server.url, name(), token)
    expect(JSON.stringify(copy.getMap('m').toJSON())).toBe(before)
    expect(await logRowCount(world.db, projectId)).toBe(rowsBefore)
    expect(JSON.stringify(keeper.doc.getMap('m').toJSON())).toBe(before)
  }

  it('random bytes, truncated and corrupted updates close the connection and never reach the log', async () => {
    const before = JSON.stringify(keeper.doc.getMap('m').toJSON())
    const rowsBefore = await logRowCount(world.db, projectId)
    const random = seededRandom(99)
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256))
    const good = frames.sync(
      name(),
      update((d) => d.getMap('m').set('evil', 'x'.repeat(200))),
    )
    const header = frames.sync(name(), new Uint8Array()).slice(0, -1)
    const attacks: Array<[string, Uint8Array]> = [
      ['truncated update', good.slice(0, good.length - 7)],
      ['update cut in half', good.slice(0, Math.floor(good.length / 2))],
      ['random update payload', frames.sync(name(), bytes(300))],
      ['random payload, step 2', frames.sync(name(), bytes(50), 1)],
      ['random tail after a valid header', Uint8Array.from([...header, ...bytes(40)])],
      ['unknown sync type', frames.sync(name(), bytes(10), 9)],
      ['server-only opcode', Uint8Array.from([...frames.stateless(name(), 'x').slice(0, name().length + 1), 6, 0])],
    ]
    const outcomes: string[] = []
    for (const [label, frame] of attacks) {
      const raw = await rawClient(server.url, name(), token)
      expect(await raw.authenticated).toBe(true)
      raw.send(frame)
      const { code } = await raw.closed
      outcomes.push(`${label}: ${code}`)
    }
    expect(outcomes).toEqual(attacks.map(([label]) => `${label}: 4400`))
    for (let i = 0; i < 30; i++) {
      const raw = await rawClient(server.url, name(), token)
      await raw.authenticated
      raw.send(bytes(1 + Math.floor(random() * 200)))
      // The right document name, then garbage: reaches our frame inspection.
      const addressed = new TextEncoder().encode(name())
      raw.send(Uint8Array.from([addressed.length, ...addressed, ...bytes(1 + Math.floor(random() * 100))]))
      raw.ws.close()
      await raw.closed
    }
    await expectUnharmed(before, rowsBefore)
  })

  it('an oversized frame is cut off by the socket; a flood is rate-limited', async () => {
    const before = JSON.stringify(keeper.doc.getMap('m').toJSON())
    const rowsBefore = await logRowCount(world.db, projectId)
    const big = await rawClient(server.url, name(), token)
    await big.authenticated
    big.send(
      frames.sync(
        name(),
        update((d) => d.getMap('m').set('huge', 'y'.repeat(maxMessageBytes * 2))),
      ),
    )
    expect((await big.closed).code).toBe(1009)
    const flood = await rawClient(server.url, name(), token)
    await flood.authenticated
    for (let i = 0; i < 3_000; i++) flood.send(frames.stateless(name(), `spam ${i}`))
    expect((await flood.closed).code).toBe(4429)
    await expectUnharmed(before, rowsBefore)
  })

  it('a document stops growing at its size limit; everything logged still applies', async () => {
    const grower = await rawClient(server.url, name(), token)
    await grower.authenticated
    let sent = 0
    for (let i = 0; i < 20 && grower.ws.readyState === grower.ws.OPEN; i++) {
      grower.send(
        frames.sync(
          name(),
          update((d) => d.getMap('bulk').set(`k${i}`, 'z'.repeat(40_000))),
        ),
      )
      sent++
      await new Promise((r) => setTimeout(r, 30))
    }
    expect((await grower.closed).code).toBe(4413)
    expect(sent).toBeLessThan(20)
    expect(server.alive()).toBe(true)
    const replay = await replayLog(world.db, projectId)
    expect(replay.bytes).toBeLessThanOrEqual(maxDocumentBytes)
    expect(replay.doc.getMap('m').get('legit')).toBe('value')
  })
})
