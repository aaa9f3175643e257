import { cancelExecution, findExecution } from '../../../../../../../../lib/runtime'
import { ApiError } from '../../../../../../../_lib/api-error'
import {
  parseEnvironment,
  requireEnvironmentAccess,
  unwrapRuntime,
  webRuntime,
  withRuntimeSession,
} from '../../../../../../../_lib/runtime-context'

/**
 * POST /api/v1/projects/:projectId/executions/:executionId/cancel → 202 {execution: {id, status: cancelling}};
 * the run then ends as cancelled. 409 not-running when it already ended. docs/runtime-api.md.
 */
export const POST = withRuntimeSession<{ projectId: string; executionId: string }>(
  async (_req, ctx, { projectId, executionId }) => {
    const row = await findExecution(ctx.db, executionId, { projectId })
    if (!row) {
      await requireEnvironmentAccess(ctx, projectId, 'development', 'read')
      throw new ApiError('not-found', `no execution ${executionId} in this project`)
    }
    await requireEnvironmentAccess(ctx, projectId, parseEnvironment(row.environment), 'run')
    const { context } = await webRuntime()
    unwrapRuntime(await cancelExecution(context, executionId, { projectId }))
    return Response.json({ execution: { id: executionId, status: 'cancelling' } }, { status: 202 })
  },
)
