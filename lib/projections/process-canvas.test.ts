import { describe, expect, it } from 'vitest'
import { processGraph } from './process-canvas'

describe('processGraph', () => {
  const body = { entry: 'each-item', nodes: { 'each-item': { kind: 'return' } }, edges: [] }
  const process = {
    entry: 'each',
    nodes: {
      each: { kind: 'for-each', body },
      // An HTTP node's `body` is its request body, not a graph.
      call: { kind: 'http', body: { expr: 'input' } },
    },
    edges: [],
  }

  it("is the process's top level, or a for-each's body", () => {
    expect(processGraph(process)).toBe(process)
    expect(processGraph(process, 'each')).toBe(body)
  })

  it('is nothing for a node that is not a for-each, an unknown node, or no process', () => {
    expect(processGraph(process, 'call')).toBeUndefined()
    expect(processGraph(process, 'gone')).toBeUndefined()
    expect(processGraph(undefined, 'each')).toBeUndefined()
    expect(processGraph(null)).toBeUndefined()
  })
})
