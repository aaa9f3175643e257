import { durationMs } from '../duration'
import { expressionValue, type NodeEnv, type NodeOutcome } from '../node-env'
import type { WaitNode } from '../process-types'
import type { Steps } from '../steps'

/**
 * wait: a durable timer for a fixed duration, or until an ISO 8601 time (already past: the shortest timer).
 * Output: null.
 */
export function* runWait(node: WaitNode, env: NodeEnv): Steps<NodeOutcome> {
  if (node.duration !== undefined) {
    const ms = durationMs(node.duration)
    return { type: 'timer', input: { duration: node.duration }, durationMs: ms }
  }
  if (!node.until) return { type: 'error', error: { name: 'unsupported', message: 'wait needs duration or until' } }
  const until = yield* expressionValue(env, node.until, 'until')
  const at = typeof until === 'string' ? Date.parse(until) : Number.NaN
  if (Number.isNaN(at)) {
    return {
      type: 'error',
      error: { name: 'expression', message: `until: ${JSON.stringify(until)} is not an ISO 8601 time` },
    }
  }
  return { type: 'timer', input: { until }, durationMs: Math.max(1, at - env.now) }
}
