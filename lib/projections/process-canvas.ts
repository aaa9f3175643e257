import type { JsonObject, JsonValue } from '../doc'
import { canvasGroups } from './canvas-groups'
import type { CanvasEdge, CanvasNode, CanvasProjection } from './canvas-types'
import { gridSlot, savedPosition } from './layout-positions'
import type { DesignView } from './read-design'

export function processCanvasKey(processId: string): string {
  return `process:${processId}`
}

const terminal = new Set(['return', 'fail'])

/** Output ports of a node, by kind (DESIGN §4): out, condition cases + default, declared catch ports. */
export function nodePorts(node: JsonObject): string[] {
  if (terminal.has(String(node.kind))) return []
  if (node.kind === 'condition') {
    const cases = Array.isArray(node.cases) ? node.cases : []
    const names = cases.flatMap((c) =>
      c && typeof c === 'object' && !Array.isArray(c) && typeof c.name === 'string' ? [c.name] : [],
    )
    return [...names, typeof node.defaultPort === 'string' ? node.defaultPort : 'default']
  }
  const catches = Array.isArray(node.catch) ? node.catch : []
  const catchPorts = catches.flatMap((c) =>
    c && typeof c === 'object' && !Array.isArray(c) && typeof c.port === 'string' ? [c.port] : [],
  )
  return ['out', ...catchPorts]
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined
}

/**
 * A graph of a process (entry, nodes, edges): its top level, or the body of its top-level for-each `parent`;
 * undefined when there is none (no such node, or not a for-each). Pure.
 */
export function processGraph(process: JsonObject | null | undefined, parent?: string): JsonObject | undefined {
  if (!process || parent === undefined) return process ?? undefined
  const forEach = asObject(asObject(process.nodes)?.[parent])
  return forEach?.kind === 'for-each' ? asObject(forEach.body) : undefined
}

/** The node graph of one process (its top level; a for-each body opens as its own view with `parent`). Pure. */
export function processCanvas(design: DesignView, processId: string, parent?: string): CanvasProjection {
  const key = processCanvasKey(processId)
  const graph = processGraph(design.processes[processId], parent)
  const nodes: CanvasNode[] = []
  const edges: CanvasEdge[] = []
  if (!graph) return { key, ...(parent ? { body: parent } : {}), nodes, edges, groups: [] }
  const entry = typeof graph.entry === 'string' ? graph.entry : undefined
  const nodeMap = asObject(graph.nodes) ?? {}
  Object.entries(nodeMap).forEach(([nodeId, raw], index) => {
    const node = asObject(raw) ?? {}
    nodes.push({
      id: nodeId,
      type: typeof node.kind === 'string' ? node.kind : 'unknown',
      position: savedPosition(design.canvas, key, nodeId) ?? gridSlot(index % 4, Math.floor(index / 4)),
      data: {
        label: typeof node.label === 'string' && node.label ? node.label : nodeId,
        subtitle: `${String(node.kind)}${nodeId === entry ? ' · entry' : ''}`,
        elementId: nodeId,
        ports: nodePorts(node),
        hasInput: true,
      },
    })
  })
  const edgeList = Array.isArray(graph.edges) ? graph.edges : []
  for (const raw of edgeList) {
    const edge = asObject(raw)
    if (!edge || typeof edge.from !== 'string' || typeof edge.to !== 'string' || typeof edge.port !== 'string') continue
    edges.push({
      id: `${edge.from}:${edge.port}->${edge.to}`,
      source: edge.from,
      target: edge.to,
      sourceHandle: edge.port,
      label: edge.port === 'out' ? undefined : edge.port,
    })
  }
  // A for-each body opened on its own has no groups of its own (the canvas key is the process's).
  if (parent) return { key, body: parent, nodes, edges, groups: [] }
  return { key, nodes, edges, groups: canvasGroups(design.canvas, key, new Set(nodes.map((n) => n.id))) }
}
