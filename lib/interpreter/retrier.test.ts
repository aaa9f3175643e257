import { describe, expect, it } from 'vitest'
import { driveRun } from './drive-run'
import { makeBundle, makeProcess } from './make-process'
import type { CatchRoute, Retrier } from './process-types'
import { errorMatches, retryDelay } from './retrier'
import { seedRandom } from './seeded-random'

function flaky(retry: Retrier[], catchRoutes: CatchRoute[] = []) {
  return makeProcess({
    entry: 'call',
    nodes: {
      call: {
        kind: 'http',
        label: 'call',
        method: 'GET',
        url: 'https://example.com/x',
        responses: [{ status: '200', output: true, schema: true }],
        timeout: '1s',
        retry,
        catch: catchRoutes,
      },
      ok: { kind: 'return', label: 'ok', value: { expr: '"ok"' } },
      a: { kind: 'return', label: 'a', value: { expr: '"route-a"' } },
      b: { kind: 'return', label: 'b', value: { expr: '"route-b"' } },
    },
    edges: ['call:out>ok', 'call:catch-a>a', 'call:catch-b>b'],
  })
}

/** Answers with the given statuses in turn (then 200s). */
function statuses(...codes: number[]) {
  let i = 0
  return () => {
    const status = codes[i++] ?? 200
    return { ok: true as const, value: { status, headers: {}, body: null } }
  }
}

const base: Retrier = { errors: ['status.5xx'], maxAttempts: 4, interval: '1s', backoffRate: 2, jitter: 'none' }
const delays = (commands: { type: string }[]) =>
  commands
    .filter((c): c is { type: 'start-timer'; durationMs: number } => c.type === 'start-timer')
    .map((c) => c.durationMs)

describe('retriers', () => {
  it('errors: matchers cover exact names, status families and *', () => {
    expect(errorMatches('status.5xx', 'status.503')).toBe(true)
    expect(errorMatches('status.5xx', 'status.404')).toBe(false)
    expect(errorMatches('status.404', 'status.404')).toBe(true)
    expect(errorMatches('*', 'output-mismatch')).toBe(true)
    expect(errorMatches('error.OutOfStock', 'error.Other')).toBe(false)
  })

  it('maxAttempts counts the first attempt: 4 attempts = 3 retries, then the error stands', async () => {
    const { state, commands } = await driveRun(
      makeBundle(flaky([base])),
      {},
      { activity: statuses(500, 502, 503, 504, 505) },
    )
    expect(commands.filter((c) => c.type === 'call-activity').length).toBe(4)
    expect(state.error).toMatchObject({ name: 'status.504', node: 'call' })
    expect(state.nodes.call?.attempts).toBe(4)
    expect(state.nodes.call?.history.map((h) => h.error?.name)).toEqual([
      'status.500',
      'status.502',
      'status.503',
      'status.504',
    ])
  })

  it('interval × backoffRate^(n-1): 1s, 2s, 4s', async () => {
    const { state, commands } = await driveRun(makeBundle(flaky([base])), {}, { activity: statuses(500, 500, 500) })
    expect(state.output).toBe('ok')
    expect(delays(commands)).toEqual([1000, 2000, 4000])
    expect(state.nodes.call?.history.map((h) => h.retryDelayMs)).toEqual([1000, 2000, 4000])
  })

  it('fractional backoff rates and maxDelay caps every single delay', async () => {
    const r: Retrier = { ...base, maxAttempts: 6, interval: '100ms', backoffRate: 1.5, maxDelay: '300ms' }
    const { commands } = await driveRun(makeBundle(flaky([r])), {}, { activity: statuses(500, 500, 500, 500, 500) })
    expect(delays(commands)).toEqual([100, 150, 225, 300, 300])
  })

  it('jitter full: uniform in [0, delay], drawn from the seeded source (same seed, same delays; other seed, others)', async () => {
    const r: Retrier = { ...base, maxAttempts: 8, interval: '1s', backoffRate: 2, maxDelay: '10s', jitter: 'full' }
    const run = (seed: number) =>
      driveRun(
        makeBundle(flaky([r])),
        {},
        { activity: statuses(500, 500, 500, 500, 500, 500, 500) },
        {
          id: 'run_j',
          startedAt: '2026-01-01T00:00:00.000Z',
          seed,
        },
      )
    const one = delays((await run(7)).commands)
    const again = delays((await run(7)).commands)
    const other = delays((await run(8)).commands)
    expect(one).toEqual(again)
    expect(one).not.toEqual(other)
    const caps = [1000, 2000, 4000, 8000, 10000, 10000, 10000]
    one.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(1)
      expect(d).toBeLessThanOrEqual(caps[i] as number)
    })
    // The same draws as the pure function gives from the same seed.
    let random = seedRandom(7)
    const expected = caps.map((_, i) => {
      const next = retryDelay(r, i + 1, random)
      random = next.random
      return Math.max(1, next.delayMs)
    })
    expect(one).toEqual(expected)
  })

  it('the first matching retrier (in order) applies, and each retrier counts its own attempts', async () => {
    const only503: Retrier = { ...base, errors: ['status.503'], maxAttempts: 2, interval: '5s' }
    const any5xx: Retrier = { ...base, maxAttempts: 2, interval: '7s' }
    const { state, commands } = await driveRun(
      makeBundle(flaky([only503, any5xx])),
      {},
      { activity: statuses(503, 500, 200) },
    )
    expect(delays(commands)).toEqual([5000, 7000])
    expect(state.nodes.call?.retries).toEqual([1, 1])
    expect(state.output).toBe('ok')
  })

  it('an error no retrier covers is not retried; no retrier means no retry', async () => {
    const { state, commands } = await driveRun(makeBundle(flaky([base])), {}, { activity: statuses(404) })
    expect(delays(commands)).toEqual([])
    expect(state.error?.name).toBe('status.404')
    const none = await driveRun(makeBundle(flaky([])), {}, { activity: statuses(500) })
    expect(none.state.error?.name).toBe('status.500')
  })

  it('catch routes after retries are exhausted, first matching route in order, output = the error', async () => {
    const routes = [
      { port: 'catch-a', errors: ['status.404'] },
      { port: 'catch-b', errors: ['status.5xx', '*'] },
    ]
    const retried = await driveRun(
      makeBundle(flaky([{ ...base, maxAttempts: 2 }], routes)),
      {},
      {
        activity: statuses(500, 500),
      },
    )
    expect(retried.state.output).toBe('route-b')
    expect(retried.state.nodes.call).toMatchObject({ status: 'caught', port: 'catch-b', attempts: 2 })
    expect(retried.state.nodes.call?.output).toMatchObject({ error: { name: 'status.500' } })
    const a = await driveRun(makeBundle(flaky([], routes)), {}, { activity: statuses(404) })
    expect(a.state.output).toBe('route-a')
    expect(a.state.nodes.b?.status).toBe('skipped')
  })

  it('timeouts and network failures from the shell are typed errors like any other', async () => {
    const r: Retrier = { ...base, errors: ['timeout'], maxAttempts: 3 }
    let n = 0
    const { state } = await driveRun(
      makeBundle(flaky([r], [{ port: 'catch-a', errors: ['network'] }])),
      {},
      {
        activity: () =>
          n++ < 2
            ? { ok: false, error: { name: 'timeout', message: 'late' } }
            : { ok: false, error: { name: 'network', message: 'refused' } },
      },
    )
    expect(state.output).toBe('route-a')
    expect(state.nodes.call?.attempts).toBe(3)
  })
})
