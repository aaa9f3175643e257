import type { JsonObject, JsonValue } from '../doc'
import type { CanvasGroup } from './canvas-types'

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined
}

/**
 * The groups of one canvas from canvas.json (`canvases[key].groups`), sorted by id. Members are kept only when they
 * are boxes of this canvas (`present`), in their stored order (a set: sorted), so a member deleted since the group was written is
 * never drawn; a group left without members is dropped. Layout only: groups never change meaning. Pure.
 */
export function canvasGroups(canvas: JsonObject, canvasKey: string, present: ReadonlySet<string>): CanvasGroup[] {
  const groups = asObject(asObject(asObject(asObject(canvas.canvases)?.[canvasKey])?.groups))
  if (!groups) return []
  const out: CanvasGroup[] = []
  for (const id of Object.keys(groups).sort()) {
    const group = asObject(groups[id])
    if (!group) continue
    const members = (Array.isArray(group.members) ? group.members : []).filter(
      (m): m is string => typeof m === 'string' && present.has(m),
    )
    if (members.length === 0) continue
    const box = asObject(group.box) ?? {}
    out.push({
      id,
      label: typeof group.label === 'string' ? group.label : '',
      box: {
        x: typeof box.x === 'number' ? box.x : 0,
        y: typeof box.y === 'number' ? box.y : 0,
        ...(typeof box.width === 'number' ? { width: box.width } : {}),
        ...(typeof box.height === 'number' ? { height: box.height } : {}),
      },
      members,
    })
  }
  return out
}
