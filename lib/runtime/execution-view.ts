import type { NodeState, RunError } from '../interpreter'
import type { ExecutionStatus, executions } from './tables'

/** An execution as the API answers it (docs/runtime-api.md): no Temporal internals, times as ISO strings. */
export type ExecutionView = {
  id: string
  processId: string
  processName: string
  environment: string
  /** The deployed commit, or the draft snapshot (`drf_…`) of a test run. */
  commitId: string
  draft: boolean
  status: ExecutionStatus
  startedAt: string
  endedAt: string | null
  durationMs: number | null
  input: unknown
  output: unknown
  error: RunError | null
  origin: Record<string, unknown>
}

/** The API view of an execution row. Pure. */
export function executionView(row: typeof executions.$inferSelect): ExecutionView {
  const origin = (row.origin ?? {}) as Record<string, unknown>
  return {
    id: row.id,
    processId: row.processId,
    processName: row.processName,
    environment: row.environment,
    commitId: row.commitId,
    draft: origin.draft === true,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    durationMs: row.durationMs,
    input: row.input,
    output: row.output ?? null,
    error: (row.error as RunError | null) ?? null,
    origin,
  }
}

/** The API view of one execution with its node states (live while running, else from the trace). */
export function executionDetailView(
  row: typeof executions.$inferSelect & { nodes: Record<string, NodeState> },
): ExecutionView & { nodes: Record<string, NodeState> } {
  return { ...executionView(row), nodes: row.nodes }
}
