import { runProcess } from '../../../../../../../../lib/runtime'
import { unwrapRuntime, webRuntime, withRuntimeSession } from '../../../../../../../_lib/runtime-context'
import { parseWaitMs, readRunRequest, runResponse } from '../../run-request'

/**
 * POST /api/v1/projects/:projectId/processes/:processRef/run?environment=&timeoutMs=&draft= — body: the input.
 * Waits up to timeoutMs (30 s, max 300 s): 200 {execution: {id, status: succeeded, output | failed, error}}, or 202
 * {execution: {id, status: running}}. docs/runtime-api.md.
 */
export const POST = withRuntimeSession<{ projectId: string; processRef: string }>(async (req, ctx, params) => {
  const { request, query } = await readRunRequest(req, ctx, params)
  const waitMs = parseWaitMs(query)
  const { context } = await webRuntime()
  const { outcome, snapshotId } = unwrapRuntime(await runProcess(context, { ...request, waitMs }))
  return runResponse(outcome, snapshotId)
})
