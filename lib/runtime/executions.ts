import { WorkflowFailedError } from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'
import { and, desc, eq, lt, type SQL } from 'drizzle-orm'
import { newId } from '../db'
import type { NodeState, RunError } from '../interpreter'
import { checkSchema, durationMs } from '../interpreter'
import { activeDeployment, bundleFor, type Definitions, findProcess } from './definitions'
import type { RuntimeContext, RuntimeFailure } from './runtime-context'
import { type ExecutionStatus, executions, executionTraces } from './tables'
import { INTERPRET_PROCESS, NODE_STATES_QUERY } from './workflow-contract'

export type StartRunRequest = {
  projectId: string
  /** Process name or id. */
  process: string
  input: unknown
  /** `development` when absent. */
  environment?: string
  /** A test run: a draft snapshot stored like a commit, run with the development environment's bindings. */
  draft?: { commitId: string; definitions: Definitions }
  /** Called once every check passed, before anything is recorded or started (a test run stores its draft here). */
  beforeStart?(): Promise<void>
}

export type StartRunResult = { ok: true; executionId: string } | { ok: false; error: RuntimeFailure }

/**
 * Starts a run of a process on the commit deployed to the environment (or on a draft snapshot) and returns its
 * execution id at once. Refuses, without starting anything, an environment with no deployment, an unknown process
 * and an input that does not match the process inputs.
 */
export async function startRun(ctx: RuntimeContext, request: StartRunRequest): Promise<StartRunResult> {
  const environment = request.draft ? 'development' : (request.environment ?? 'development')
  const deployed = request.draft ? undefined : await activeDeployment(ctx.db, request.projectId, environment)
  const source =
    request.draft ?? (deployed ? { commitId: deployed.commitId, definitions: deployed.definitions } : undefined)
  if (!source) {
    return { ok: false, error: { code: 'not-deployed', message: `nothing is deployed to ${environment}` } }
  }
  const process = findProcess(source.definitions, request.process)
  if (!process) return { ok: false, error: { code: 'not-found', message: `no process ${request.process}` } }
  const mismatch = checkSchema(process.inputs, request.input)
  if (mismatch) {
    return {
      ok: false,
      error: { code: 'invalid-input', message: `the input does not match ${process.name}'s inputs: ${mismatch}` },
    }
  }
  await request.beforeStart?.()
  const executionId = newId('run')
  const pin = { projectId: request.projectId, commitId: source.commitId, environment }
  const startedAt = new Date()
  await ctx.db.insert(executions).values({
    id: executionId,
    projectId: request.projectId,
    environment,
    commitId: source.commitId,
    processId: process.id,
    processName: process.name,
    status: 'running',
    input: request.input ?? null,
    origin: request.draft ? { kind: 'request', draft: true } : { kind: 'request' },
    startedAt,
  })
  const handle = await ctx.temporal.workflow.start(INTERPRET_PROCESS, {
    taskQueue: ctx.taskQueue,
    workflowId: executionId,
    args: [{ bundle: bundleFor(source.definitions, process, pin), input: request.input, origin: { kind: 'request' } }],
    workflowExecutionTimeout: durationMs(process.execution.timeout),
  })
  await ctx.db
    .update(executions)
    .set({ temporalRunId: handle.firstExecutionRunId })
    .where(eq(executions.id, executionId))
  return { ok: true, executionId }
}

export type RunOutcome =
  | { status: 'succeeded'; executionId: string; output: unknown }
  | { status: 'failed'; executionId: string; error: RunError }
  | { status: 'running'; executionId: string }

/** Starts a run and waits for its end up to `timeoutMs`; past it the run goes on and `running` is returned. */
export async function runAndWait(
  ctx: RuntimeContext,
  request: StartRunRequest & { timeoutMs: number },
): Promise<{ ok: true; outcome: RunOutcome } | { ok: false; error: RuntimeFailure }> {
  const started = await startRun(ctx, request)
  if (!started.ok) return started
  const { executionId } = started
  const handle = ctx.temporal.workflow.getHandle(executionId)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<RunOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'running', executionId }), request.timeoutMs)
  })
  const result = handle.result().then(
    (output): RunOutcome => ({ status: 'succeeded', executionId, output }),
    (error: unknown): RunOutcome => ({ status: 'failed', executionId, error: runErrorOf(error) }),
  )
  try {
    return { ok: true, outcome: await Promise.race([result, timeout]) }
  } finally {
    clearTimeout(timer)
  }
}

function runErrorOf(error: unknown): RunError {
  const cause = error instanceof WorkflowFailedError ? error.cause : error
  if (cause instanceof ApplicationFailure) {
    const details = cause.details?.[0]
    if (details && typeof details === 'object' && 'name' in details) return details as RunError
    return { name: cause.type ?? 'internal', message: cause.message, declared: false }
  }
  return { name: 'internal', message: cause instanceof Error ? cause.message : String(cause), declared: false }
}

export type Execution = typeof executions.$inferSelect & {
  /** Each node's state: live (workflow query) while running, from the stored trace once ended. */
  nodes: Record<string, NodeState>
}

/** One execution row without node states (no Temporal call); undefined when unknown (or of another project). */
export async function findExecution(
  db: RuntimeContext['db'],
  executionId: string,
  options: { projectId?: string } = {},
): Promise<typeof executions.$inferSelect | undefined> {
  const where: SQL[] = [eq(executions.id, executionId)]
  if (options.projectId) where.push(eq(executions.projectId, options.projectId))
  const [row] = await db
    .select()
    .from(executions)
    .where(and(...where))
  return row
}

/** One execution with its node states; undefined when unknown (or, with `projectId`, of another project). */
export async function getExecution(
  ctx: RuntimeContext,
  executionId: string,
  options: { projectId?: string } = {},
): Promise<Execution | undefined> {
  const row = await findExecution(ctx.db, executionId, options)
  if (!row) return undefined
  if (row.status === 'running') {
    try {
      const nodes = await ctx.temporal.workflow
        .getHandle(executionId)
        .query<Record<string, NodeState>>(NODE_STATES_QUERY)
      return { ...row, nodes }
    } catch {
      // The run just ended (or its worker is away): fall through to the stored trace.
    }
  }
  const [trace] = await ctx.db.select().from(executionTraces).where(eq(executionTraces.executionId, executionId))
  return { ...row, nodes: (trace?.nodes as Record<string, NodeState> | undefined) ?? {} }
}

export type ListExecutionsFilter = {
  projectId: string
  processId?: string
  environment?: string
  status?: ExecutionStatus
  /** Newest first; pass the last `startedAt` seen to page. */
  before?: Date
  limit?: number
}

/** Executions of a project (optionally one process / environment / status), newest first. */
export async function listExecutions(ctx: Pick<RuntimeContext, 'db'>, filter: ListExecutionsFilter) {
  const where: SQL[] = [eq(executions.projectId, filter.projectId)]
  if (filter.processId) where.push(eq(executions.processId, filter.processId))
  if (filter.environment) where.push(eq(executions.environment, filter.environment))
  if (filter.status) where.push(eq(executions.status, filter.status))
  if (filter.before) where.push(lt(executions.startedAt, filter.before))
  return ctx.db
    .select()
    .from(executions)
    .where(and(...where))
    .orderBy(desc(executions.startedAt))
    .limit(Math.min(filter.limit ?? 50, 500))
}

/** Requests cancellation of a running execution; the run writes its trace as `cancelled`. */
export async function cancelExecution(
  ctx: RuntimeContext,
  executionId: string,
  options: { projectId?: string } = {},
): Promise<{ ok: true } | { ok: false; error: RuntimeFailure }> {
  const row = await findExecution(ctx.db, executionId, options)
  if (!row) return { ok: false, error: { code: 'not-found', message: `no execution ${executionId}` } }
  if (row.status !== 'running')
    return { ok: false, error: { code: 'not-running', message: `execution ${executionId} is ${row.status}` } }
  await ctx.temporal.workflow.getHandle(executionId).cancel()
  return { ok: true }
}
