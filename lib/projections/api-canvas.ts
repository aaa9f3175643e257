import type { JsonObject, JsonValue } from '../doc'
import { canvasGroups } from './canvas-groups'
import type { CanvasEdge, CanvasNode, CanvasProjection } from './canvas-types'
import { gridSlot, savedPosition } from './layout-positions'
import type { DesignView } from './read-design'

export function apiCanvasKey(apiId: string): string {
  return `api:${apiId}`
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** RFC 6901 escaping of one pointer segment. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined
}

/**
 * One API surface's canvas. REST: path items and their operations. Event: channels and operations (send/receive),
 * an edge from each operation's channel. Parameters, bodies and responses live in the properties panel, not as
 * nodes (DESIGN §2). Element ids are JSON pointers into the spec. Pure.
 *
 * Without a saved position a box takes a grid slot by what it belongs to: one row per path (or channel), its
 * operations beside it (REST in method order, Event in spec order), as an API reference lists them. Rows of their
 * own (paths in one column, operations in the next) put the 500th path's operations 500 rows below it, and its
 * edges crossed the canvas.
 */
export function apiCanvas(design: DesignView, apiId: string): CanvasProjection {
  const key = apiCanvasKey(apiId)
  const api = design.apis[apiId]
  const spec = asObject(api?.spec)
  const nodes: CanvasNode[] = []
  const edges: CanvasEdge[] = []
  if (!api || !spec) return { key, nodes, edges, groups: [] }
  const at = (pointer: string, lane: number, index: number) =>
    savedPosition(design.canvas, key, pointer) ?? gridSlot(lane, index)
  if (api.type === 'event') {
    // Each channel's row, and the next free column on it (an operation of an unknown channel gets a row of its own).
    const rows = new Map<string, { row: number; lane: number }>()
    Object.entries(asObject(spec.channels) ?? {}).forEach(([channelId, raw], index) => {
      const channel = asObject(raw) ?? {}
      const pointer = `/channels/${pointerSegment(channelId)}`
      rows.set(pointer, { row: index, lane: 1 })
      nodes.push({
        id: pointer,
        type: 'channel',
        position: at(pointer, 0, index),
        data: {
          label: channelId,
          subtitle: typeof channel.address === 'string' ? channel.address : 'channel',
          elementId: pointer,
          ports: [],
          hasInput: false,
        },
      })
    })
    let looseRow = rows.size
    Object.entries(asObject(spec.operations) ?? {}).forEach(([operationId, raw]) => {
      const operation = asObject(raw) ?? {}
      const pointer = `/operations/${pointerSegment(operationId)}`
      const ref = asObject(operation.channel)?.$ref
      // Only a local reference (`#/channels/…`) names one of this spec's channel boxes.
      const channelRow = typeof ref === 'string' && ref.startsWith('#') ? rows.get(ref.slice(1)) : undefined
      const slot = channelRow ? { row: channelRow.row, lane: channelRow.lane++ } : { row: looseRow++, lane: 1 }
      nodes.push({
        id: pointer,
        type: 'operation',
        position: at(pointer, slot.lane, slot.row),
        data: {
          label: operationId,
          subtitle: String(operation.action ?? 'operation'),
          elementId: pointer,
          ports: [],
          hasInput: true,
        },
      })
      // A reference to an undeclared channel is the validator's problem to report; there is no box to draw it to.
      if (channelRow && typeof ref === 'string') {
        edges.push({ id: `${ref.slice(1)}->${pointer}`, source: ref.slice(1), target: pointer })
      }
    })
    return { key, nodes, edges, groups: canvasGroups(design.canvas, key, new Set(nodes.map((n) => n.id))) }
  }
  Object.entries(asObject(spec.paths) ?? {}).forEach(([path, raw], pathIndex) => {
    const item = asObject(raw) ?? {}
    const pathPointer = `/paths/${pointerSegment(path)}`
    nodes.push({
      id: pathPointer,
      type: 'path',
      position: at(pathPointer, 0, pathIndex),
      data: { label: path, subtitle: 'path', elementId: pathPointer, ports: [], hasInput: false },
    })
    let lane = 1
    for (const method of httpMethods) {
      const operation = asObject(item[method])
      if (!operation) continue
      const pointer = `${pathPointer}/${method}`
      nodes.push({
        id: pointer,
        type: 'operation',
        position: at(pointer, lane++, pathIndex),
        data: {
          label: `${method.toUpperCase()} ${path}`,
          subtitle:
            typeof operation.operationId === 'string'
              ? operation.operationId
              : typeof operation.summary === 'string'
                ? operation.summary
                : '',
          elementId: pointer,
          ports: [],
          hasInput: true,
        },
      })
      edges.push({ id: `${pathPointer}->${pointer}`, source: pathPointer, target: pointer })
    }
  })
  return { key, nodes, edges, groups: canvasGroups(design.canvas, key, new Set(nodes.map((n) => n.id))) }
}
