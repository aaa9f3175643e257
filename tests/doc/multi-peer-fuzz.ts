import * as Y from 'yjs'
import {
  addEdge,
  addProcessNode,
  applyFiles,
  type EntityKind,
  exportProject,
  importProject,
  readObject,
  removeEntity,
  removeNode,
  renameEntity,
  setNodeField,
  setSpecValue,
} from '../../lib/doc'

// The multi-peer fuzzer (used by multi-peer-fuzz.test.ts and for longer seed hunts). Several peers edit one
// design document at random (renames, deletes, new references, node and edge edits,
// spec edits, prose typing, re-imports), exchange their updates in random order, and must converge to the same
// state and the same export — and export must never throw, however invalid the merge (dangling edges and
// references, duplicate names). Failing seeds found once are pinned in the test's `regressions`.

/** mulberry32: a tiny seeded PRNG, so a failing run is reproduced from its seed alone. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number
const pick = <T>(r: Rand, items: readonly T[]): T | undefined => items[Math.floor(r() * items.length)]
const kinds: EntityKind[] = ['api', 'process', 'database', 'queue']
const collection = { api: 'apis', process: 'processes', database: 'databases', queue: 'queues' } as const

function ids(doc: Y.Doc, kind: EntityKind): string[] {
  return Array.from(doc.getMap(collection[kind]).keys()).sort()
}

function nodeIds(doc: Y.Doc, processId: string): string[] {
  const nodes = (doc.getMap('processes').get(processId) as Y.Map<unknown> | undefined)?.get('nodes')
  return nodes instanceof Y.Map
    ? Array.from(nodes.keys())
        .filter((k) => !k.startsWith('\u0000'))
        .sort()
    : []
}

const names = ['orders', 'ship', 'pay', 'mail', 'orders-two']

/** How many edits of each kind changed something, to check the fuzzer exercises what it claims. */
export const applied = new Map<string, number>()
const count = (what: string, done: unknown) => {
  if (done) applied.set(what, (applied.get(what) ?? 0) + 1)
}

function randomEdit(doc: Y.Doc, r: Rand, step: number): void {
  const processId = pick(r, ids(doc, 'process'))
  const op = Math.floor(r() * 10)
  switch (op) {
    case 0: {
      const kind = pick(r, kinds) as EntityKind
      const id = pick(r, ids(doc, kind))
      if (id) count('rename', renameEntity(doc, kind, id, pick(r, names) as string))
      return
    }
    case 1: {
      const kind = pick(r, kinds) as EntityKind
      const id = pick(r, ids(doc, kind))
      if (id && r() < 0.5) count('remove-entity', removeEntity(doc, kind, id))
      return
    }
    case 2: {
      if (!processId) return
      const queue = pick(r, ids(doc, 'queue'))
      const added = addProcessNode(doc, { processId }, `n${step}-${Math.floor(r() * 3)}`, {
        kind: queue ? 'queue-publish' : 'return',
        label: 'added',
        ...(queue ? { queue, message: { expr: 'input' }, timeout: '5s' } : { value: { expr: '1' } }),
      })
      count('add-node', added)
      return
    }
    case 3: {
      const node = processId && pick(r, nodeIds(doc, processId))
      if (processId && node) {
        const field = pick(r, ['label', 'description', 'timeout', 'output'] as const) as string
        const value = field === 'output' ? { type: 'object', properties: { x: { type: 'string' } } } : `v${step}`
        setNodeField(doc, { processId }, node, field, r() < 0.1 ? undefined : value)
      }
      return
    }
    case 4: {
      if (!processId) return
      const nodes = [...nodeIds(doc, processId), 'ghost']
      count(
        'add-edge',
        addEdge(doc, { processId }, { from: pick(r, nodes) as string, port: 'out', to: pick(r, nodes) as string }),
      )
      return
    }
    case 5: {
      const node = processId && pick(r, nodeIds(doc, processId))
      if (processId && node) count('remove-node', removeNode(doc, { processId }, node))
      return
    }
    case 6: {
      const apiId = pick(r, ids(doc, 'api'))
      if (!apiId) return
      const pointer = pick(r, [
        '/info/title',
        '/info/description',
        '/paths/~1new/get/summary',
        '/x-note',
        '/components/schemas/New/properties/a',
      ])
      count(
        'spec',
        setSpecValue(doc, apiId, pointer as string, r() < 0.1 ? undefined : { type: 'string', note: `s${step}` }),
      )
      return
    }
    case 7: {
      // Typing into prose: a character-level Y.Text edit that must merge with other typists.
      const process = processId ? (doc.getMap('processes').get(processId) as Y.Map<unknown>) : undefined
      const text = process?.get('description')
      if (text instanceof Y.Text) {
        text.insert(Math.floor(r() * (text.length + 1)), `t${step}`)
        count('type', true)
      }
      return
    }
    case 8: {
      // A restore / re-import of this peer's own export with one change.
      const files = exportProject(doc)
      const path = pick(
        r,
        Object.keys(files).filter((p) => p.endsWith('.process.json')),
      )
      if (path) files[path] = (files[path] as string).replace(/"timeout": "[^"]*"/, `"timeout": "${step + 1}s"`)
      applyFiles(doc, files)
      count('apply-files', true)
      return
    }
    default: {
      const kind = pick(r, ['database', 'process'] as const) as 'database' | 'process'
      const target = pick(r, ids(doc, kind))
      const node = processId && pick(r, nodeIds(doc, processId))
      if (processId && node && target) setNodeField(doc, { processId }, node, kind, target)
    }
  }
}

type Message = { to: number; update: Uint8Array }

export function runFuzz(files: Record<string, string>, seed: number, peerCount = 3, steps = 60): Y.Doc[] {
  const r = prng(seed)
  const { doc: origin } = importProject(files)
  const start = Y.encodeStateAsUpdate(origin)
  const peers = Array.from({ length: peerCount }, () => {
    const d = new Y.Doc()
    Y.applyUpdate(d, start)
    return d
  })
  const inFlight: Message[] = []
  peers.forEach((peer, from) => {
    peer.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return
      peers.forEach((_, to) => {
        if (to !== from) inFlight.push({ to, update })
      })
    })
  })
  const deliver = (index: number) => {
    const [message] = inFlight.splice(index, 1)
    if (message) Y.applyUpdate(peers[message.to] as Y.Doc, message.update, 'remote')
  }
  for (let step = 0; step < steps; step++) {
    if (inFlight.length > 0 && r() < 0.4) deliver(Math.floor(r() * inFlight.length))
    else randomEdit(peers[Math.floor(r() * peerCount)] as Y.Doc, r, step)
    // Export must never throw, mid-merge included.
    exportProject(pick(r, peers) as Y.Doc)
  }
  while (inFlight.length > 0) deliver(Math.floor(r() * inFlight.length))
  return peers
}

export function snapshot(doc: Y.Doc): unknown {
  const roots = ['meta', 'project', 'apis', 'processes', 'databases', 'queues', 'canvas', 'files', 'removed']
  return Object.fromEntries(roots.map((name) => [name, readObject(doc.getMap(name))]))
}

/** Why the peers have not converged (or the export does not re-import to itself), or undefined when all is well. */
export function convergenceProblem(peers: Y.Doc[]): string | undefined {
  const [first, ...rest] = peers as [Y.Doc, ...Y.Doc[]]
  const files = exportProject(first)
  const state = JSON.stringify(snapshot(first))
  const vector = Y.encodeStateVector(first).join(',')
  for (const [i, peer] of rest.entries()) {
    if (Y.encodeStateVector(peer).join(',') !== vector) return `peer ${i + 1} has another state vector`
    if (JSON.stringify(snapshot(peer)) !== state) return `peer ${i + 1} holds other content`
    if (JSON.stringify(exportProject(peer)) !== JSON.stringify(files)) return `peer ${i + 1} exports other files`
  }
  const again = exportProject(importProject(files).doc)
  if (JSON.stringify(again) !== JSON.stringify(files)) {
    const path = Object.keys({ ...files, ...again }).find((p) => files[p] !== again[p])
    return `the merged export does not re-import to itself (${path})`
  }
  return undefined
}
