import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { importProject } from '../../lib/doc/import-project'
import { shopProject, toFiles } from '../../tests/validation/shop-project'
import { foldUpdates } from './fold-updates'
import { createFolder } from './fold-worker'

/** A design document as the editor makes it: the shop project imported (the snapshot), then edits from two peers. */
function realisticLog(): { source: Y.Doc; snapshot: Uint8Array; updates: Uint8Array[] } {
  const { doc: source } = importProject(toFiles(shopProject()))
  const snapshot = Y.encodeStateAsUpdate(source)
  const updates: Uint8Array[] = []
  source.on('update', (u: Uint8Array) => updates.push(u))
  const peer = new Y.Doc()
  Y.applyUpdate(peer, snapshot)
  peer.on('update', (u: Uint8Array) => {
    updates.push(u)
    Y.applyUpdate(source, u)
  })
  // Keystrokes in a name field, canvas drags, an entity removed, concurrent edits of both peers.
  const project = source.getMap('project')
  for (const name of ['S', 'Sh', 'Sho', 'Shop 2', 'Shop 2.']) project.set('name', name)
  const canvas = peer.getMap<Y.Map<number>>('canvas')
  for (let i = 0; i < 40; i++) {
    peer.transact(() => {
      const pos = canvas.get(`node-${i % 8}`) ?? new Y.Map<number>()
      if (!canvas.has(`node-${i % 8}`)) canvas.set(`node-${i % 8}`, pos)
      pos.set('x', i * 10)
      pos.set('y', i * 7)
    })
  }
  const queues = source.getMap('queues')
  for (const key of [...queues.keys()]) queues.delete(key)
  peer.getMap('meta').set('note', 'from the peer')
  return { source, snapshot, updates }
}

/** Content of every root map of `like` in the document `state` encodes. */
function content(state: Uint8Array, like: Y.Doc): Record<string, unknown> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return Object.fromEntries([...like.share.keys()].map((name) => [name, doc.getMap(name).toJSON()]))
}

const expected = (doc: Y.Doc) => content(Y.encodeStateAsUpdate(doc), doc)

/** Not an update: Yjs throws on it (as on a row only a bug could have logged). */
const corrupt = new Uint8Array([255, 255, 255, 255, 7, 1, 2, 3])

const folder = createFolder()
afterAll(async () => {
  await folder.close()
})

/** The worker's fold and the in-process one give the same bytes, the source's content and `skipped`. */
async function expectSameFoldBothWays(source: Y.Doc, snapshot: Uint8Array, rows: Uint8Array[], skipped: number) {
  const here = foldUpdates(snapshot, rows)
  const off = await folder.fold(snapshot, rows)
  expect(folder.mode()).toBe('worker')
  expect([off.skipped, here.skipped]).toEqual([skipped, skipped])
  expect(Buffer.from(off.state).equals(Buffer.from(here.state))).toBe(true)
  expect(content(off.state, source)).toEqual(expected(source))
}

describe('compaction fold in a worker thread', () => {
  it('gives the same state bytes as the in-process fold, and the document', async () => {
    const { source, snapshot, updates } = realisticLog()
    expect(updates.length).toBeGreaterThan(40)
    await expectSameFoldBothWays(source, snapshot, updates, 0)
    // The inputs were copied for the transfer, not detached.
    expect(snapshot.byteLength).toBeGreaterThan(0)
    expect(updates.every((u) => u.byteLength > 0)).toBe(true)
  })

  it('skips exactly the row that does not decode and keeps the others', async () => {
    const { source, snapshot, updates } = realisticLog()
    await expectSameFoldBothWays(source, snapshot, [...updates.slice(0, 10), corrupt, ...updates.slice(10)], 1)
  })

  it('answers concurrent folds by id, without a snapshot too', async () => {
    const a = realisticLog()
    const b = new Y.Doc()
    const bUpdates: Uint8Array[] = []
    b.on('update', (u: Uint8Array) => bUpdates.push(u))
    for (let i = 0; i < 100; i++) b.getArray('a').push([i])
    const [ra, rb] = await Promise.all([folder.fold(a.snapshot, a.updates), folder.fold(null, bUpdates)])
    expect(content(ra.state, a.source)).toEqual(expected(a.source))
    const folded = new Y.Doc()
    Y.applyUpdate(folded, rb.state)
    expect(folded.getArray('a').toArray()).toEqual(b.getArray('a').toArray())
  })

  it('rejects, like the in-process fold throws, when the snapshot itself does not apply', async () => {
    const { updates } = realisticLog()
    expect(() => foldUpdates(corrupt, updates)).toThrow()
    await expect(folder.fold(corrupt, updates)).rejects.toThrow(/fold failed/)
    expect(folder.mode()).toBe('worker')
  })
})

describe('compaction fold fallback (in-process)', () => {
  it('folds in-process when the worker cannot be created, and says so once', async () => {
    const lines: string[] = []
    const f = createFolder({
      startWorker: () => {
        throw new Error('no threads here')
      },
      log: (line) => lines.push(line),
    })
    const { source, snapshot, updates } = realisticLog()
    const first = await f.fold(snapshot, [...updates, corrupt])
    const second = await f.fold(snapshot, updates)
    expect(f.mode()).toBe('in-process')
    expect(first.skipped).toBe(1)
    expect(content(first.state, source)).toEqual(expected(source))
    expect(Buffer.from(second.state).equals(Buffer.from(foldUpdates(snapshot, updates).state))).toBe(true)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/could not start \(no threads here\).*event loop/)
    await f.close()
  })

  it('folds in-process when the worker fails while starting', async () => {
    const lines: string[] = []
    const f = createFolder({
      startWorker: () => new Worker('throw new Error("cannot load the fold")', { eval: true }),
      log: (line) => lines.push(line),
    })
    const { source, snapshot, updates } = realisticLog()
    const results = await Promise.all([f.fold(snapshot, updates), f.fold(snapshot, updates)])
    const again = await f.fold(snapshot, updates)
    for (const r of [...results, again]) expect(content(r.state, source)).toEqual(expected(source))
    expect(f.mode()).toBe('in-process')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/failed \(cannot load the fold\)/)
    await f.close()
  })

  it('redoes the folds in flight in-process when the worker dies, and stays in-process', async () => {
    const lines: string[] = []
    let started = 0
    const f = createFolder({
      startWorker: () => {
        started++
        // A real thread that dies on its first request, as a worker killed by an out-of-memory error would.
        return new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(7))", {
          eval: true,
        })
      },
      log: (line) => lines.push(line),
    })
    const { source, snapshot, updates } = realisticLog()
    const inFlight = f.fold(snapshot, [...updates, corrupt])
    expect(f.mode()).toBe('worker')
    const result = await inFlight
    expect(result.skipped).toBe(1)
    expect(content(result.state, source)).toEqual(expected(source))
    expect(f.mode()).toBe('in-process')
    await f.fold(snapshot, updates)
    expect(started).toBe(1)
    expect(lines).toEqual([expect.stringMatching(/exited \(code 7\)/)])
    await f.close()
  })

  it('after close, folds in-process without complaint', async () => {
    const lines: string[] = []
    const f = createFolder({ log: (line) => lines.push(line) })
    const { source, snapshot, updates } = realisticLog()
    await f.fold(snapshot, updates)
    expect(f.mode()).toBe('worker')
    await f.close()
    const after = await f.fold(snapshot, updates)
    expect(f.mode()).toBe('in-process')
    expect(content(after.state, source)).toEqual(expected(source))
    expect(lines).toEqual([])
  })

  it('never keeps a process alive: a process that folded and never closed exits on its own', () => {
    const module = fileURLToPath(new URL('./fold-worker.ts', import.meta.url))
    const script = `
      import * as Y from 'yjs'
      import { createFolder } from ${JSON.stringify(module)}
      const doc = new Y.Doc()
      const updates = []
      doc.on('update', (u) => updates.push(u))
      for (let i = 0; i < 50; i++) doc.getArray('a').push([i])
      const folder = createFolder()
      const { state } = await folder.fold(null, updates)
      console.log(folder.mode(), state.byteLength > 0)
    `
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(child.error).toBeUndefined()
    expect(child.stderr).toBe('')
    expect(child.stdout.trim()).toBe('worker true')
    expect(child.status).toBe(0)
  })
})
