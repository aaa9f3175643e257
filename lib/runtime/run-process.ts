import { prepareDraftSnapshot } from './draft-snapshot'
import { type RunOutcome, runAndWait, type StartRunRequest, startRun } from './executions'
import type { RuntimeContext, RuntimeFailure } from './runtime-context'

export type RunProcessRequest = Omit<StartRunRequest, 'draft'> & {
  /** `working-copy`: an editor test run of the uncommitted working copy (a draft snapshot, development). */
  draft?: 'working-copy'
  /** Who asked (the draft snapshot records it). */
  userId: string | null
  /** Wait for the end up to this long; without it the run is only started. */
  waitMs?: number
}

export type RunProcessResult =
  | { ok: true; outcome: RunOutcome; snapshotId?: string }
  | { ok: false; error: RuntimeFailure }

/**
 * The run and start endpoints: starts a process run on the environment's deployed commit — or, for a test run, on
 * a draft snapshot of the working copy (refused with located problems when it does not validate) — and, with
 * `waitMs`, waits for its end (past it the outcome is `running`).
 */
export async function runProcess(ctx: RuntimeContext, request: RunProcessRequest): Promise<RunProcessResult> {
  const { draft: draftKind, userId, waitMs, ...run } = request
  let snapshotId: string | undefined
  let start: StartRunRequest = run
  if (draftKind === 'working-copy') {
    const draft = await prepareDraftSnapshot(ctx.db, { projectId: request.projectId, createdBy: userId })
    if (!draft.ok) return draft
    const { id, definitions, store } = draft.snapshot
    snapshotId = id
    // Stored only once the run passed its checks (known process, matching input): a refused test run leaves none.
    start = { ...run, environment: 'development', draft: { commitId: id, definitions }, beforeStart: store }
  }
  const extra = snapshotId ? { snapshotId } : {}
  if (waitMs === undefined) {
    const started = await startRun(ctx, start)
    if (!started.ok) return started
    return { ok: true, outcome: { status: 'running', executionId: started.executionId }, ...extra }
  }
  const waited = await runAndWait(ctx, { ...start, timeoutMs: waitMs })
  if (!waited.ok) return waited
  return { ok: true, outcome: waited.outcome, ...extra }
}
