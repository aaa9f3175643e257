import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../doc'
import { frameAround, groupEdits } from './group-edits'

const grp = 'grp_0123456789abcdefABCDEF'

describe('group edits on canvas.json', () => {
  it('adds, renames, moves (members and box together) and removes a group; creates the section when absent', () => {
    const canvas: JsonObject = {}
    const present = new Set(['a', 'b', 'c'])
    groupEdits.add(
      canvas,
      'overview',
      { id: grp, label: 'Two', members: ['b', 'a', 'a'], box: { x: 1.4, y: 2 } },
      present,
    )
    expect(canvas).toEqual({
      format: 'backplane.canvas/v1',
      canvases: {
        overview: {
          viewport: { x: 0, y: 0, zoom: 1 },
          positions: {},
          groups: { [grp]: { label: 'Two', box: { x: 1, y: 2 }, members: ['a', 'b'] } },
        },
      },
    })
    groupEdits.rename(canvas, 'overview', grp, 'Pair', present)
    groupEdits.move(
      canvas,
      'overview',
      grp,
      [{ key: 'a', x: 10.2, y: 20 }],
      { x: 5, y: 6, width: 100, height: 50 },
      present,
    )
    const layout = (canvas.canvases as JsonObject).overview as JsonObject
    expect(layout.positions).toEqual({ a: { x: 10, y: 20 } })
    expect((layout.groups as JsonObject)[grp]).toEqual({
      label: 'Pair',
      box: { x: 5, y: 6, width: 100, height: 50 },
      members: ['a', 'b'],
    })
    groupEdits.remove(canvas, 'overview', grp, present)
    expect(layout.groups).toEqual({})
  })

  it('keeps no dangling member on the next write, and drops a group left empty', () => {
    const canvas: JsonObject = {}
    groupEdits.add(
      canvas,
      'overview',
      { id: grp, label: 'G', members: ['a', 'b'], box: { x: 0, y: 0 } },
      new Set(['a', 'b']),
    )
    const other = 'grp_ZYXWVUTSRQPONMLKJIHGFE'
    groupEdits.add(
      canvas,
      'overview',
      { id: other, label: 'H', members: ['c'], box: { x: 0, y: 0 } },
      new Set(['a', 'b', 'c']),
    )
    // b and c were deleted since: the next group write (any group) prunes them.
    groupEdits.rename(canvas, 'overview', grp, 'G2', new Set(['a']))
    const groups = ((canvas.canvases as JsonObject).overview as JsonObject).groups as JsonObject
    expect(groups).toEqual({ [grp]: { label: 'G2', box: { x: 0, y: 0 }, members: ['a'] } })
  })

  it('frames boxes with padding and a header', () => {
    expect(frameAround([])).toBeNull()
    expect(
      frameAround([
        { x: 0, y: 0, width: 100, height: 50 },
        { x: 200, y: 100, width: 100, height: 50 },
      ]),
    ).toEqual({ x: -20, y: -48, width: 340, height: 218 })
  })
})
