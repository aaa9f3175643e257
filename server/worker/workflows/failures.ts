import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  isCancellation,
  TimeoutFailure,
} from '@temporalio/workflow'
import type { NodeError, RunError } from '../../../lib/interpreter'

/** A Temporal activity failure as the interpreter's typed node error; cancellation propagates (rethrown). */
export function nodeErrorOf(error: unknown): NodeError {
  if (isCancellation(error)) throw error
  const cause = error instanceof ActivityFailure || error instanceof ChildWorkflowFailure ? error.cause : error
  if (cause instanceof ApplicationFailure) {
    const e: NodeError = { name: cause.type ?? 'internal', message: cause.message }
    if (cause.details?.[0] !== undefined) e.details = cause.details[0]
    return e
  }
  if (cause instanceof TimeoutFailure) return { name: 'timeout', message: `timed out (${cause.timeoutType})` }
  return { name: 'internal', message: cause instanceof Error ? cause.message : String(cause) }
}

/** A child run's failure as the run error it ended with (its declared error keeps `declared: true`). */
export function runErrorOf(error: unknown): RunError {
  if (isCancellation(error)) throw error
  const cause = error instanceof ChildWorkflowFailure ? error.cause : error
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0]
    if (details && typeof details === 'object' && 'name' in details && 'declared' in details) return details as RunError
    return { name: cause.type ?? 'internal', message: cause.message, declared: false }
  }
  if (cause instanceof TimeoutFailure) return { name: 'timeout', message: 'the child run timed out', declared: false }
  return { name: 'internal', message: cause instanceof Error ? cause.message : String(cause), declared: false }
}
