import { ApplicationFailure } from '@temporalio/activity'

/** A typed node failure for the interpreter (`type` = the error name retriers and catch routes match). */
export function nodeFailure(name: string, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type: name,
    message,
    details: details === undefined ? [] : [details],
    // One attempt per activity: retrying is the workflow's job (declared retriers as durable timers).
    nonRetryable: true,
  })
}
