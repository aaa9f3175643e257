import { describe, expect, it } from 'vitest'
import { nodePathOf, nodeStatusBadges } from '../../app/_components/editor/runs/node-status'
import type { NodeState, NodeStatus } from '../../lib/interpreter'

const state = (nodeId: string, status: NodeStatus, attempts = 1): NodeState => ({
  nodeId,
  kind: 'compute',
  status,
  attempts,
  history: [],
  retries: [],
})

describe('run states on the boxes of a canvas', () => {
  const nodes: Record<string, NodeState> = {
    total: state('total', 'succeeded'),
    lines: state('lines', 'running'),
    'lines[0].line': state('line', 'succeeded'),
    'lines[1].line': state('line', 'retrying', 3),
    'lines[2].line': state('line', 'succeeded', 2),
    'lines[0].stored': state('stored', 'succeeded'),
    'other[0].line': state('line', 'failed'),
    'lines[0].inner[1].deep': state('deep', 'failed'),
  }

  it("shows each top-level node's own state on the process canvas", () => {
    const badges = nodeStatusBadges(nodes)
    expect(badges.get('total')).toEqual({ status: 'succeeded', attempt: 1 })
    expect(badges.get('lines')).toEqual({ status: 'running', attempt: 1 })
  })

  it("on a body canvas, sums up every item's run of a node: the most urgent state, the most attempts, the items", () => {
    const badges = nodeStatusBadges(nodes, 'lines')
    expect(badges.get('line')).toEqual({ status: 'retrying', attempt: 3, items: 3 })
    expect(badges.get('stored')).toEqual({ status: 'succeeded', attempt: 1, items: 1 })
    // Another for-each's items and a nested body's nodes are not this body's boxes.
    expect([...badges.keys()].sort()).toEqual(['line', 'stored'])
    expect(nodeStatusBadges(nodes, 'other').get('line')).toEqual({ status: 'failed', attempt: 1, items: 1 })
  })
})

describe('the node path a selected box shows in the Runs panel', () => {
  const nodes: Record<string, NodeState> = {
    total: state('total', 'succeeded'),
    'lines[0].line': state('line', 'succeeded'),
    'lines[3].line': state('line', 'failed'),
    'lines[1].line': state('line', 'failed'),
  }

  it('is the box id at the top level, and in a body the first item in the most urgent state', () => {
    expect(nodePathOf(nodes, 'total')).toBe('total')
    expect(nodePathOf(nodes, 'line', 'lines')).toBe('lines[1].line')
    // Not reached by any item yet: the first item's path (the panel says it has no state).
    expect(nodePathOf(nodes, 'stored', 'lines')).toBe('lines[0].stored')
  })
})
