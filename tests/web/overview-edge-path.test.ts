import type { Edge } from '@xyflow/react'
import { getBezierPath, type InternalNodeBase, Position } from '@xyflow/system'
import { describe, expect, it } from 'vitest'
import { overviewEdgePaths } from '../../app/_components/editor/overview-edge-path'

/** A box as React Flow holds it once measured: an input on the left, an output per port on the right. */
function box(id: string, x: number, y: number, ports: string[] = [], measured = true): InternalNodeBase {
  const source = (ports.length ? ports : [null]).map((port, i) => ({
    id: port,
    nodeId: id,
    type: 'source' as const,
    position: Position.Right,
    x: 196,
    y: 30 + i * 20,
    width: 8,
    height: 8,
  }))
  const target = [
    { id: null, nodeId: id, type: 'target' as const, position: Position.Left, x: -4, y: 20, width: 8, height: 8 },
  ]
  return {
    id,
    position: { x, y },
    data: {},
    measured: measured ? { width: 200, height: 60 + ports.length * 20 } : {},
    internals: {
      positionAbsolute: { x, y },
      z: 0,
      userNode: { id, position: { x, y }, data: {} },
      handleBounds: measured ? { source, target } : undefined,
    },
  }
}

const lookup = (...nodes: InternalNodeBase[]) => new Map(nodes.map((n) => [n.id, n]))

describe('overviewEdgePaths', () => {
  it('draws an edge from the output handle to the input handle, as React Flow does', () => {
    const edges: Edge[] = [{ id: 'a->b', source: 'a', target: 'b' }]
    const paths = overviewEdgePaths(edges, lookup(box('a', 0, 0), box('b', 400, 100)))
    // Output: right edge of the handle at (196, 30) + half its height; input: left edge of (−4, 20) + half.
    const [d] = getBezierPath({
      sourceX: 204,
      sourceY: 34,
      sourcePosition: Position.Right,
      targetX: 396,
      targetY: 124,
      targetPosition: Position.Left,
    })
    expect(paths).toEqual([{ id: 'a->b', d, bounds: expect.any(Object), selected: false }])
  })

  it('bounds each curve, forward and backward, so an edge in view is never skipped', () => {
    const edges: Edge[] = [
      { id: 'forward', source: 'a', target: 'b' },
      { id: 'backward', source: 'b', target: 'a' },
    ]
    const paths = overviewEdgePaths(edges, lookup(box('a', 0, 0), box('b', 900, 2_000)))
    expect(paths).toHaveLength(2)
    for (const { d, bounds } of paths) {
      // React Flow's bezier: "M sx,sy C c1x,c1y c2x,c2y tx,ty".
      const [p0, p1, p2, p3] = (d.match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? []).map((pair) =>
        pair.split(',').map(Number),
      )
      if (!p0 || !p1 || !p2 || !p3) throw new Error(`not a cubic: ${d}`)
      for (let i = 0; i <= 100; i++) {
        const t = i / 100
        const at = (k: 0 | 1) =>
          (1 - t) ** 3 * (p0[k] ?? 0) +
          3 * (1 - t) ** 2 * t * (p1[k] ?? 0) +
          3 * (1 - t) * t ** 2 * (p2[k] ?? 0) +
          t ** 3 * (p3[k] ?? 0)
        expect(at(0)).toBeGreaterThanOrEqual(bounds.left)
        expect(at(0)).toBeLessThanOrEqual(bounds.right)
        expect(at(1)).toBeGreaterThanOrEqual(bounds.top)
        expect(at(1)).toBeLessThanOrEqual(bounds.bottom)
      }
    }
  })

  it('starts an edge at its named port', () => {
    const edges: Edge[] = [
      { id: 'a.yes->b', source: 'a', sourceHandle: 'yes', target: 'b' },
      { id: 'a.no->b', source: 'a', sourceHandle: 'no', target: 'b' },
    ]
    const [yes, no] = overviewEdgePaths(edges, lookup(box('a', 0, 0, ['yes', 'no']), box('b', 400, 0)))
    expect(yes?.d.startsWith('M204,34')).toBe(true)
    expect(no?.d.startsWith('M204,54')).toBe(true)
  })

  it('marks a selected edge, so the overview draws it in the accent colour', () => {
    const edges: Edge[] = [
      { id: 'picked', source: 'a', target: 'b', selected: true },
      { id: 'other', source: 'b', target: 'a' },
    ]
    const paths = overviewEdgePaths(edges, lookup(box('a', 0, 0), box('b', 400, 0)))
    expect(paths.map((p) => [p.id, p.selected])).toEqual([
      ['picked', true],
      ['other', false],
    ])
  })

  it('leaves out edges whose boxes are unknown, hidden or never measured, and an unknown port', () => {
    const edges: Edge[] = [
      { id: 'to-missing', source: 'a', target: 'missing' },
      { id: 'to-unmeasured', source: 'a', target: 'culled' },
      { id: 'to-hidden', source: 'a', target: 'hidden' },
      { id: 'bad-port', source: 'a', sourceHandle: 'nope', target: 'b' },
      { id: 'drawn', source: 'a', target: 'b' },
    ]
    const hidden = { ...box('hidden', 0, 300), hidden: true }
    const paths = overviewEdgePaths(
      edges,
      lookup(box('a', 0, 0), box('b', 400, 0), box('culled', 0, 200, [], false), hidden),
    )
    expect(paths.map((p) => p.id)).toEqual(['drawn'])
  })
})
