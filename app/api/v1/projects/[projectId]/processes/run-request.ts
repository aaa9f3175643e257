import type { EnvironmentName, RunOutcome, RunProcessRequest } from '../../../../../../lib/runtime'
import { ApiError } from '../../../../../_lib/api-error'
import { parseEnvironment, requireEnvironmentAccess } from '../../../../../_lib/runtime-context'
import type { RouteContext } from '../../../../../_lib/with-session'

export const defaultWaitMs = 30_000
export const maxWaitMs = 300_000

/**
 * The shared request of `run` and `start`: the body is the process input itself (an empty body is `{}`), the query
 * names the environment and `draft=working-copy` (a test run: development only). Checks access (`run` on the
 * environment) before anything is read.
 */
export async function readRunRequest(
  req: Request,
  ctx: RouteContext,
  params: { projectId: string; processRef: string },
): Promise<{ request: Omit<RunProcessRequest, 'waitMs'>; query: URLSearchParams }> {
  const query = new URL(req.url).searchParams
  const environment: EnvironmentName = parseEnvironment(query.get('environment'))
  const draft = query.get('draft')
  if (draft !== null && draft !== 'working-copy')
    throw new ApiError('invalid-request', `unknown draft "${draft}": the only draft is working-copy`)
  if (draft && environment !== 'development')
    throw new ApiError('invalid-request', 'a test run of the working copy runs in development only')
  await requireEnvironmentAccess(ctx, params.projectId, environment, 'run')
  const text = await req.text()
  let input: unknown = {}
  if (text.trim()) {
    try {
      input = JSON.parse(text)
    } catch {
      throw new ApiError('invalid-request', 'the request body must be the process input as JSON')
    }
  }
  return {
    request: {
      projectId: params.projectId,
      process: params.processRef,
      input,
      environment,
      userId: ctx.user.id,
      ...(draft ? { draft: 'working-copy' as const } : {}),
    },
    query,
  }
}

/** `timeoutMs` of the run endpoint: 1 to 300000 ms, 30000 when absent. */
export function parseWaitMs(query: URLSearchParams): number {
  const raw = query.get('timeoutMs')
  if (raw === null || raw === '') return defaultWaitMs
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > maxWaitMs)
    throw new ApiError('invalid-request', `timeoutMs must be an integer from 1 to ${maxWaitMs}, not "${raw}"`)
  return value
}

/** The response of a run: 200 with the output or error once ended, 202 while still running. */
export function runResponse(outcome: RunOutcome, snapshotId: string | undefined): Response {
  const draft = snapshotId ? { draft: { snapshotId } } : {}
  switch (outcome.status) {
    case 'succeeded':
      return Response.json({
        execution: { id: outcome.executionId, status: outcome.status, output: outcome.output, ...draft },
      })
    case 'failed':
      return Response.json({
        execution: { id: outcome.executionId, status: outcome.status, error: outcome.error, ...draft },
      })
    case 'running':
      return Response.json(
        { execution: { id: outcome.executionId, status: outcome.status, ...draft } },
        { status: 202 },
      )
  }
}
