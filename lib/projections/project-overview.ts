import type { JsonObject, JsonValue } from '../doc'
import { canvasGroups } from './canvas-groups'
import type { CanvasEdge, CanvasNode, CanvasProjection } from './canvas-types'
import { gridSlot, savedPosition } from './layout-positions'
import type { DesignView } from './read-design'

export const OVERVIEW_KEY = 'overview'

function text(value: JsonValue | undefined, fallback = ''): string {
  return typeof value === 'string' ? value : fallback
}

/** Every node of a process graph, for-each bodies included. */
export function allNodes(process: JsonObject): Array<[string, JsonObject]> {
  const out: Array<[string, JsonObject]> = []
  const visit = (nodes: JsonValue | undefined) => {
    if (!nodes || typeof nodes !== 'object' || Array.isArray(nodes)) return
    for (const [id, node] of Object.entries(nodes)) {
      if (!node || typeof node !== 'object' || Array.isArray(node)) continue
      out.push([id, node])
      const body = node.body
      if (body && typeof body === 'object' && !Array.isArray(body)) visit(body.nodes)
    }
  }
  visit(process.nodes)
  return out
}

/**
 * The project overview: API surfaces → processes → databases and queues, edges drawn from the declarations only
 * (triggers, database and queue-publish nodes, call-process, queue consumers). Pure.
 */
export function projectOverview(design: DesignView): CanvasProjection {
  const nodes: CanvasNode[] = []
  const edges: CanvasEdge[] = []
  const place = (lane: number, index: number, id: string) =>
    savedPosition(design.canvas, OVERVIEW_KEY, id) ?? gridSlot(lane, index)
  const add = (lane: number, list: Record<string, JsonObject>, type: string, subtitle: (e: JsonObject) => string) => {
    Object.entries(list)
      .sort(([, a], [, b]) => text(a.name).localeCompare(text(b.name)))
      .forEach(([id, entity], index) => {
        nodes.push({
          id,
          type,
          position: place(lane, index, id),
          data: { label: text(entity.name, id), subtitle: subtitle(entity), elementId: id, ports: [], hasInput: true },
        })
      })
  }
  add(0, design.apis, 'api', (api) => (api.type === 'event' ? 'Event API · AsyncAPI' : 'REST API · OpenAPI'))
  add(
    1,
    design.processes,
    'process',
    (p) => `${text(p.type)} · ${text((p.execution as JsonObject | undefined)?.model)}`,
  )
  add(2, design.databases, 'database', (db) => `database · ${text(db.type)}`)
  add(2, design.queues, 'queue', () => 'queue')
  // Queues sit under the databases in the same lane.
  const dbCount = Object.keys(design.databases).length
  for (const node of nodes) {
    if (node.type === 'queue' && !savedPosition(design.canvas, OVERVIEW_KEY, node.id)) node.position.y += dbCount * 110
  }
  const known = new Set(nodes.map((n) => n.id))
  const link = (source: string, target: string, label: string) => {
    if (!known.has(source) || !known.has(target)) return
    const id = `${source}->${target}:${label}`
    if (!edges.some((e) => e.id === id)) edges.push({ id, source, target, label })
  }
  for (const [processId, process] of Object.entries(design.processes)) {
    const trigger = (process.execution as JsonObject | undefined)?.trigger as JsonObject | undefined
    if (trigger?.kind === 'api-operation' && typeof trigger.api === 'string') link(trigger.api, processId, 'triggers')
    if (trigger?.kind === 'queue' && typeof trigger.queue === 'string') link(trigger.queue, processId, 'consumed by')
    for (const [, node] of allNodes(process)) {
      if (node.kind === 'database' && typeof node.database === 'string') link(processId, node.database, 'uses')
      if (node.kind === 'queue-publish' && typeof node.queue === 'string') link(processId, node.queue, 'publishes')
      if (node.kind === 'call-process' && typeof node.process === 'string') link(processId, node.process, 'calls')
    }
  }
  return { key: OVERVIEW_KEY, nodes, edges, groups: canvasGroups(design.canvas, OVERVIEW_KEY, known) }
}
