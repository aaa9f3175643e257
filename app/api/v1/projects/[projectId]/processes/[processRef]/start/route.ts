import { runProcess } from '../../../../../../../../lib/runtime'
import { unwrapRuntime, webRuntime, withRuntimeSession } from '../../../../../../../_lib/runtime-context'
import { readRunRequest, runResponse } from '../../run-request'

/**
 * POST /api/v1/projects/:projectId/processes/:processRef/start?environment=&draft=working-copy — body: the input.
 * 202 {execution: {id, status: running, draft?: {snapshotId}}} at once. docs/runtime-api.md.
 */
export const POST = withRuntimeSession<{ projectId: string; processRef: string }>(async (req, ctx, params) => {
  const { request } = await readRunRequest(req, ctx, params)
  const { context } = await webRuntime()
  const { outcome, snapshotId } = unwrapRuntime(await runProcess(context, request))
  return runResponse(outcome, snapshotId)
})
