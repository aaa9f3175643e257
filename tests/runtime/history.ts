import type { WorkflowHandle } from '@temporalio/client'

type Duration = { seconds?: { toNumber(): number } | number | string | null; nanos?: number | null } | null | undefined

function ms(d: Duration): number {
  if (!d) return 0
  const s = d.seconds
  const seconds = typeof s === 'object' && s !== null ? s.toNumber() : Number(s ?? 0)
  return seconds * 1000 + Math.round((d.nanos ?? 0) / 1e6)
}

/** Durations (ms) of every timer the workflow started, in history order. */
export async function timerDurations(handle: WorkflowHandle): Promise<number[]> {
  const history = await handle.fetchHistory()
  return (history.events ?? [])
    .filter((e) => e.timerStartedEventAttributes)
    .map((e) => ms(e.timerStartedEventAttributes?.startToFireTimeout as Duration))
}

/** Retry policies and start-to-close timeouts of every scheduled activity, in history order. */
export async function scheduledActivities(
  handle: WorkflowHandle,
): Promise<{ type: string; maximumAttempts: number; startToCloseMs: number }[]> {
  const history = await handle.fetchHistory()
  return (history.events ?? [])
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a) => !!a)
    .map((a) => ({
      type: a?.activityType?.name ?? '',
      maximumAttempts: a?.retryPolicy?.maximumAttempts ?? 0,
      startToCloseMs: ms(a?.startToCloseTimeout as Duration),
    }))
}
