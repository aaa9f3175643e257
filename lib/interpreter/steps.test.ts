import { describe, expect, it } from 'vitest'
import { makeBundle, makeProcess } from './make-process'
import { startRun, step } from './step'
import { awaiting, runSteps, type Steps } from './steps'

function* twice(x: number | Promise<number>): Steps<number> {
  const v = typeof x === 'number' ? x : yield* awaiting(x)
  if (v < 0) throw new Error(`negative: ${v}`)
  return v * 2
}

const info = { id: 'r1', startedAt: '2026-01-01T00:00:00.000Z', seed: 1 }
const computing = (expr: string) =>
  makeBundle(
    makeProcess({
      entry: 'c',
      nodes: {
        c: { kind: 'compute', label: 'c', expression: { expr }, output: { type: 'number' } },
        done: { kind: 'return', label: 'r', value: { expr: 'nodes.c' } },
      },
      edges: ['c:out>done'],
      success: { type: 'number' },
    }),
  )

describe('runSteps', () => {
  it('returns the value itself when nothing was awaited, a promise of it otherwise', async () => {
    expect(runSteps(twice(4))).toBe(8)
    const later = runSteps(twice(Promise.resolve(5)))
    expect(later).toBeInstanceOf(Promise)
    expect(await later).toBe(10)
  })

  it('throws synchronously, or rejects, as the generator throws; a rejected await is thrown into it', async () => {
    expect(() => runSteps(twice(-1))).toThrow('negative: -1')
    await expect(runSteps(twice(Promise.resolve(-2)))).rejects.toThrow('negative: -2')
    function* guarded(): Steps<string> {
      try {
        return String(yield* awaiting(Promise.reject(new Error('boom'))))
      } catch (e) {
        return `caught ${(e as Error).message}`
      }
    }
    expect(await runSteps(guarded())).toBe('caught boom')
  })
})

describe('step without promises', () => {
  it('is synchronous when every expression evaluates directly, and gives the same run either way', async () => {
    const direct = step(startRun(computing('input.a + 1'), { a: 2 }, info), { type: 'start' })
    expect(direct).not.toBeInstanceOf(Promise)
    // $sum goes through jsonata's async evaluator: the same step, awaited.
    const viaJsonata = step(startRun(computing('$sum([input.a, 1])'), { a: 2 }, info), { type: 'start' })
    expect(viaJsonata).toBeInstanceOf(Promise)
    const [a, b] = [await direct, await viaJsonata]
    expect(a.state.output).toBe(3)
    expect(b.state.output).toBe(3)
    expect(a.plan).toEqual(b.plan)
  })
})
