import type { Edge, Node, ProcessFile } from '../formats'

/** A node with where it is: its pointer in the file and the for-each bodies around it (outermost first). */
export type GraphNode = { id: string; node: Node; pointer: string; forEachParents: string[] }

/** One graph: the process's top level, or one for-each body. */
export type Graph = {
  /** '' for the top level, else the for-each node id. */
  key: string
  /** Pointer of the object holding entry/nodes/edges ('' or '/nodes/<id>/body'). */
  pointer: string
  entry: string
  nodes: Map<string, GraphNode>
  edges: { edge: Edge; pointer: string }[]
}

export type Port = { name: string; kind: 'out' | 'case' | 'default' | 'catch' }

export const pureKinds: ReadonlySet<Node['kind']> = new Set(['compute', 'transform', 'condition', 'return', 'fail'])
export const sideEffectingKinds: ReadonlySet<Node['kind']> = new Set(['database', 'http', 'queue-publish'])

function esc(s: string): string {
  return s.replaceAll('~', '~0').replaceAll('/', '~1')
}

/** Every graph of a process, the top level first, then for-each bodies depth-first. */
export function processGraphs(process: ProcessFile): Graph[] {
  const out: Graph[] = []
  const visit = (
    key: string,
    pointer: string,
    g: { entry: string; nodes: Record<string, Node>; edges: Edge[] },
    parents: string[],
  ) => {
    const graph: Graph = { key, pointer, entry: g.entry, nodes: new Map(), edges: [] }
    out.push(graph)
    for (const [id, node] of Object.entries(g.nodes)) {
      graph.nodes.set(id, { id, node, pointer: `${pointer}/nodes/${esc(id)}`, forEachParents: parents })
    }
    g.edges.forEach((edge, i) => {
      graph.edges.push({ edge, pointer: `${pointer}/edges/${i}` })
    })
    for (const [id, node] of Object.entries(g.nodes)) {
      if (node.kind === 'for-each') visit(id, `${pointer}/nodes/${esc(id)}/body`, node.body, [...parents, id])
    }
  }
  visit('', '', process, [])
  return out
}

/** Every node of a process, bodies included. */
export function allNodes(process: ProcessFile): GraphNode[] {
  return processGraphs(process).flatMap((g) => [...g.nodes.values()])
}

/** The output ports of a node, by kind (DESIGN §4); every one must lead somewhere. return and fail have none. */
export function portsOf(node: Node): Port[] {
  switch (node.kind) {
    case 'condition':
      return [
        ...node.cases.map((c) => ({ name: c.name, kind: 'case' as const })),
        { name: node.defaultPort, kind: 'default' },
      ]
    case 'return':
    case 'fail':
      return []
    case 'database':
    case 'http':
    case 'queue-publish':
    case 'call-process':
      return [
        { name: 'out', kind: 'out' },
        ...(node.catch ?? []).map((c) => ({ name: c.port, kind: 'catch' as const })),
      ]
    case 'compute':
    case 'transform':
    case 'for-each':
    case 'wait':
      return [{ name: 'out', kind: 'out' }]
  }
}

/** Nodes reachable from the entry. */
export function reachable(graph: Graph): Set<string> {
  const seen = new Set<string>()
  const stack = graph.nodes.has(graph.entry) ? [graph.entry] : []
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (seen.has(id)) continue
    seen.add(id)
    for (const { edge } of graph.edges) if (edge.from === id && graph.nodes.has(edge.to)) stack.push(edge.to)
  }
  return seen
}

/** One cycle (node ids in order) per strongly connected loop found by DFS, or none. */
export function findCycles(graph: Graph): string[][] {
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[][] = []
  const path: string[] = []
  const next = (id: string) =>
    graph.edges.filter((e) => e.edge.from === id && graph.nodes.has(e.edge.to)).map((e) => e.edge.to)
  const dfs = (id: string) => {
    state.set(id, 'open')
    path.push(id)
    for (const to of next(id)) {
      const s = state.get(to)
      if (s === 'open') cycles.push(path.slice(path.indexOf(to)))
      else if (s === undefined) dfs(to)
    }
    path.pop()
    state.set(id, 'done')
  }
  for (const id of [...graph.nodes.keys()].sort()) if (!state.has(id)) dfs(id)
  return cycles
}

/**
 * For each reachable node, the nodes whose output is certainly available when it runs: those that precede it on
 * every path from the entry and were left through a non-catch port (a node left through a catch port failed and
 * has no output). A must-analysis to a fixpoint; equals the dominators on graphs without catch routes.
 */
export function availableOutputs(graph: Graph): Map<string, Set<string>> {
  const live = reachable(graph)
  const all = new Set(live)
  const avail = new Map<string, Set<string>>()
  for (const id of live) avail.set(id, id === graph.entry ? new Set() : new Set(all))
  const catchPorts = new Map<string, Set<string>>()
  for (const [id, gn] of graph.nodes) {
    catchPorts.set(
      id,
      new Set(
        portsOf(gn.node)
          .filter((p) => p.kind === 'catch')
          .map((p) => p.name),
      ),
    )
  }
  let changed = true
  for (let round = 0; changed && round < 1000; round++) {
    changed = false
    for (const id of live) {
      if (id === graph.entry) continue
      let meet: Set<string> | undefined
      for (const { edge } of graph.edges) {
        if (edge.to !== id || !live.has(edge.from)) continue
        const from = new Set(avail.get(edge.from))
        if (!catchPorts.get(edge.from)?.has(edge.port)) from.add(edge.from)
        meet = meet === undefined ? from : new Set([...meet].filter((x) => from.has(x)))
      }
      const nextSet = meet ?? new Set<string>()
      const prev = avail.get(id) ?? new Set()
      if (nextSet.size !== prev.size || [...nextSet].some((x) => !prev.has(x))) {
        avail.set(id, nextSet)
        changed = true
      }
    }
  }
  return avail
}
