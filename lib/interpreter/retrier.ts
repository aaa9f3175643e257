import { durationMs } from './duration'
import type { CatchRoute, Retrier } from './process-types'
import { nextRandom } from './seeded-random'

/**
 * Whether an error matcher (`*`, `timeout`, `status.5xx`, `status.503`, `error.OutOfStock`, …) covers a typed node
 * error name. `status.5xx` covers every `status.5NN`; everything else matches exactly.
 */
export function errorMatches(matcher: string, errorName: string): boolean {
  if (matcher === '*' || matcher === errorName) return true
  const family = /^status\.([1-5])xx$/.exec(matcher)
  return family !== null && new RegExp(`^status\\.${family[1]}[0-9][0-9]$`).test(errorName)
}

/** Index of the first retrier (declaration order) whose errors cover `errorName`, or -1. */
export function findRetrier(retriers: readonly Retrier[] | undefined, errorName: string): number {
  if (!retriers) return -1
  return retriers.findIndex((r) => r.errors.some((m) => errorMatches(m, errorName)))
}

/** The first catch route (declaration order) covering `errorName`. */
export function findCatch(routes: readonly CatchRoute[] | undefined, errorName: string): CatchRoute | undefined {
  return routes?.find((r) => r.errors.some((m) => errorMatches(m, errorName)))
}

/**
 * Delay before retry number `retry` (1 = the first retry) of a retrier: interval × backoffRate^(retry-1), capped by
 * maxDelay, then with full jitter a uniform integer in [0, delay] drawn from the seeded source. Returns the new
 * random state with the delay so callers keep the source in their state. Pure.
 */
export function retryDelay(retrier: Retrier, retry: number, random: number): { delayMs: number; random: number } {
  const raw = durationMs(retrier.interval) * retrier.backoffRate ** (retry - 1)
  const capped = retrier.maxDelay === undefined ? raw : Math.min(raw, durationMs(retrier.maxDelay))
  const delay = Math.round(capped)
  if (retrier.jitter === 'none') return { delayMs: delay, random }
  const next = nextRandom(random)
  return { delayMs: Math.floor(next.value * (delay + 1)), random: next.state }
}
