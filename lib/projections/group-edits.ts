import type { JsonObject } from '../doc'

/** A box of canvas.json (`x`, `y`, optional size). */
export type GroupBox = { x: number; y: number; width?: number; height?: number }

type Layout = { viewport: JsonObject; positions: Record<string, JsonObject>; groups: Record<string, JsonObject> }

const isObject = (v: unknown): v is JsonObject => Boolean(v) && typeof v === 'object' && !Array.isArray(v)

/** The object under `key` of `parent`, put there (from `initial`) when absent or not an object. */
function objectField(parent: JsonObject, key: string, initial: JsonObject = {}): JsonObject {
  const current = parent[key]
  if (isObject(current)) return current
  parent[key] = initial
  return initial
}

/** The layout section of `key` in a parsed canvas.json, created when absent (the shape the schema requires). */
function layoutOf(canvas: JsonObject, key: string): Layout {
  if (!canvas.format) canvas.format = 'backplane.canvas/v1'
  const layout = objectField(objectField(canvas, 'canvases'), key)
  objectField(layout, 'viewport', { x: 0, y: 0, zoom: 1 })
  objectField(layout, 'positions')
  objectField(layout, 'groups')
  return layout as unknown as Layout
}

const round = (box: GroupBox): GroupBox => ({
  x: Math.round(box.x),
  y: Math.round(box.y),
  ...(box.width && box.width > 0 ? { width: Math.round(box.width) } : {}),
  ...(box.height && box.height > 0 ? { height: Math.round(box.height) } : {}),
})

/**
 * Group edits on a parsed canvas.json, in place; each returns nothing and changes only canvas `key`. Every one also
 * prunes that canvas's groups to `present` (the boxes that exist now): a member deleted since is dropped, and a
 * group left empty goes, so no write keeps a dangling member. Pure apart from mutating `canvas`.
 */
export const groupEdits = {
  prune(canvas: JsonObject, key: string, present: ReadonlySet<string>) {
    const { groups } = layoutOf(canvas, key)
    for (const [id, group] of Object.entries(groups)) {
      const members = (Array.isArray(group.members) ? group.members : []).filter(
        (m): m is string => typeof m === 'string' && present.has(m),
      )
      if (members.length === 0) delete groups[id]
      else group.members = members
    }
  },
  add(
    canvas: JsonObject,
    key: string,
    group: { id: string; label: string; members: string[]; box: GroupBox },
    present: ReadonlySet<string>,
  ) {
    layoutOf(canvas, key).groups[group.id] = {
      label: group.label,
      box: round(group.box),
      members: [...new Set(group.members)].sort(),
    }
    groupEdits.prune(canvas, key, present)
  },
  rename(canvas: JsonObject, key: string, id: string, label: string, present: ReadonlySet<string>) {
    const group = layoutOf(canvas, key).groups[id]
    if (group) group.label = label
    groupEdits.prune(canvas, key, present)
  },
  remove(canvas: JsonObject, key: string, id: string, present: ReadonlySet<string>) {
    delete layoutOf(canvas, key).groups[id]
    groupEdits.prune(canvas, key, present)
  },
  /** A frame drag: its members' new positions (sizes kept) and the frame's new box, together. */
  move(
    canvas: JsonObject,
    key: string,
    id: string,
    moves: ReadonlyArray<{ key: string; x: number; y: number }>,
    box: GroupBox,
    present: ReadonlySet<string>,
  ) {
    const layout = layoutOf(canvas, key)
    for (const m of moves)
      layout.positions[m.key] = { ...layout.positions[m.key], x: Math.round(m.x), y: Math.round(m.y) }
    const group = layout.groups[id]
    if (group) group.box = round(box)
    groupEdits.prune(canvas, key, present)
  },
}

/** The frame around boxes: their bounding rectangle plus `padding` (a header's worth more on top). */
export function frameAround(
  boxes: ReadonlyArray<{ x: number; y: number; width: number; height: number }>,
  padding = 20,
  header = 28,
): { x: number; y: number; width: number; height: number } | null {
  if (boxes.length === 0) return null
  const left = Math.min(...boxes.map((b) => b.x))
  const top = Math.min(...boxes.map((b) => b.y))
  const right = Math.max(...boxes.map((b) => b.x + b.width))
  const bottom = Math.max(...boxes.map((b) => b.y + b.height))
  return {
    x: left - padding,
    y: top - padding - header,
    width: right - left + 2 * padding,
    height: bottom - top + 2 * padding + header,
  }
}
