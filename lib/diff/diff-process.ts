import { type Emit, fieldChanges } from './emitter'
import { escapeSegment, isRecord, jsonEqual, recordOf, unionKeys } from './json-equal'

const declarationSkip = new Set(['format', 'id', 'nodes', 'edges'])
const declarationDeeper = new Set(['execution', 'outputs'])

function edgeKey(edge: unknown): string | undefined {
  if (!isRecord(edge)) return undefined
  const { from, port, to } = edge
  return typeof from === 'string' && typeof to === 'string'
    ? `${from} ${typeof port === 'string' ? port : ''} ${to}`
    : undefined
}

function edgeLabel(key: string): string {
  const [from = '', port = '', to = ''] = key.split(' ')
  return `edge ${from}${port ? `.${port}` : ''} → ${to}`
}

/**
 * Differences between two versions of one process file: declaration fields (name, type, execution.* , inputs,
 * outputs.*, entry, description), nodes added/removed/changed field by field, and edges (identified by
 * from/port/to) added or removed. Process internals never break API consumers: nothing here is flagged.
 */
export function diffProcess(before: unknown, after: unknown, emit: Emit): void {
  const b = recordOf(before)
  const a = recordOf(after)
  fieldChanges(emit, {
    element: 'process',
    pointer: '',
    before: b,
    after: a,
    skip: declarationSkip,
    deeper: declarationDeeper,
  })
  diffNodes(recordOf(b.nodes), recordOf(a.nodes), '/nodes', emit)
  diffEdges(b.edges, a.edges, '/edges', emit)
}

function diffNodes(nb: Record<string, unknown>, na: Record<string, unknown>, pointer: string, emit: Emit): void {
  for (const id of unionKeys(nb, na)) {
    const b = nb[id]
    const a = na[id]
    if (jsonEqual(a, b)) continue
    const at = `${pointer}/${escapeSegment(id)}`
    const element = `node ${id}`
    const kind = recordOf(a ?? b).kind
    const what = typeof kind === 'string' ? ` (${kind})` : ''
    if (b === undefined) emit({ kind: 'added', element, pointer: at, after: a, message: `${element}${what} added` })
    else if (a === undefined)
      emit({ kind: 'removed', element, pointer, before: b, message: `${element}${what} removed` })
    else
      fieldChanges(emit, {
        element,
        pointer: at,
        before: recordOf(b),
        after: recordOf(a),
        deeper: new Set(['operation']),
      })
  }
}

function diffEdges(eb: unknown, ea: unknown, pointer: string, emit: Emit): void {
  const list = (v: unknown) => (Array.isArray(v) ? v : [])
  const keysB = new Map(list(eb).map((e, i) => [edgeKey(e) ?? `#${i}`, e]))
  const keysA = new Map(list(ea).map((e, i) => [edgeKey(e) ?? `#${i}`, i]))
  for (const [key, i] of keysA) {
    if (!keysB.has(key))
      emit({ kind: 'added', element: edgeLabel(key), pointer: `${pointer}/${i}`, message: `${edgeLabel(key)} added` })
  }
  for (const [key, e] of keysB) {
    if (!keysA.has(key))
      emit({ kind: 'removed', element: edgeLabel(key), pointer, before: e, message: `${edgeLabel(key)} removed` })
  }
}
