import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'
import type { ForEachNode } from '../process-types'

function loop(maxConcurrency: number, bodyKind: 'pure' | 'http'): ForEachNode {
  return {
    kind: 'for-each',
    label: 'each line',
    items: { expr: 'input.lines' },
    maxConcurrency,
    output: { type: 'number' },
    body:
      bodyKind === 'pure'
        ? {
            entry: 'price',
            nodes: {
              price: {
                kind: 'compute',
                label: 'p',
                expression: { expr: 'item.qty * item.unit' },
                output: { type: 'number' },
              },
              line: { kind: 'return', label: 'r', value: { expr: 'nodes.price + input.fee' } },
            },
            edges: [{ from: 'price', port: 'out', to: 'line' }],
          }
        : {
            entry: 'fetch',
            nodes: {
              fetch: {
                kind: 'http',
                label: 'f',
                method: 'GET',
                url: 'https://example.com/p/{id}',
                params: { id: { expr: 'item.id' } },
                responses: [{ status: '200', output: true, schema: { type: 'number' } }],
                timeout: '5s',
              },
              line: { kind: 'return', label: 'r', value: { expr: 'nodes.fetch' } },
            },
            edges: [{ from: 'fetch', port: 'out', to: 'line' }],
          },
  }
}

describe('for-each', () => {
  it('runs the body per item (item, outer input and nodes in scope) and collects results in item order', async () => {
    const p = makeProcess({
      entry: 'lines',
      nodes: { lines: loop(2, 'pure'), done: { kind: 'return', label: 'r', value: { expr: 'nodes.lines' } } },
      edges: ['lines:out>done'],
    })
    const input = {
      fee: 1,
      lines: [
        { qty: 2, unit: 3 },
        { qty: 1, unit: 10 },
        { qty: 0, unit: 5 },
      ],
    }
    const { state } = await driveRun(makeBundle(p), input)
    expect(state.output).toEqual([7, 11, 1])
    expect(state.nodes['lines[1].price']?.output).toBe(10)
  })

  it('never has more than maxConcurrency items in flight', async () => {
    const p = makeProcess({
      entry: 'lines',
      nodes: { lines: loop(2, 'http'), done: { kind: 'return', label: 'r', value: { expr: 'nodes.lines' } } },
      edges: ['lines:out>done'],
    })
    const input = { lines: [1, 2, 3, 4, 5].map((id) => ({ id })) }
    const { state, commands } = await driveRun(makeBundle(p), input, {
      activity: (c) => ({
        ok: true,
        value: { status: 200, headers: {}, body: Number(c.request.kind === 'http' && c.request.url.slice(-1)) * 10 },
      }),
    })
    expect(state.output).toEqual([10, 20, 30, 40, 50])
    // The first step plans exactly maxConcurrency activities.
    expect(commands.filter((c) => c.type === 'call-activity').length).toBe(5)
    const { commands: firstPlan } = await driveRun(makeBundle(p), input, {
      activity: () => ({ ok: false, error: { name: 'network', message: 'down' } }),
    })
    expect(firstPlan.filter((c) => c.type === 'call-activity').length).toBe(2)
  })

  it('an item result not matching the output schema fails the for-each with output-mismatch; empty arrays give []', async () => {
    const p = makeProcess({
      entry: 'lines',
      nodes: { lines: loop(3, 'pure'), done: { kind: 'return', label: 'r', value: { expr: 'nodes.lines' } } },
      edges: ['lines:out>done'],
    })
    const bad = await driveRun(makeBundle(p), { fee: 'x', lines: [{ qty: 1, unit: 1 }] })
    expect(bad.state.error?.name).toBe('expression')
    const empty = await driveRun(makeBundle(p), { fee: 1, lines: [] })
    expect(empty.state.output).toEqual([])
  })
})
