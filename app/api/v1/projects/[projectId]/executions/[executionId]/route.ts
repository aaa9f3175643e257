import { executionDetailView, getExecution } from '../../../../../../../lib/runtime'
import { ApiError } from '../../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../../_lib/project-access'
import { webRuntime, withRuntimeSession } from '../../../../../../_lib/runtime-context'

/**
 * GET /api/v1/projects/:projectId/executions/:executionId → {execution: {…, nodes}}: node states live (workflow
 * query) while running, from the stored trace once ended. docs/runtime-api.md.
 */
export const GET = withRuntimeSession<{ projectId: string; executionId: string }>(
  async (_req, ctx, { projectId, executionId }) => {
    await requireProjectAccess(ctx, projectId, 'read')
    const { context } = await webRuntime()
    const execution = await getExecution(context, executionId, { projectId })
    if (!execution) throw new ApiError('not-found', `no execution ${executionId} in this project`)
    return Response.json({ execution: executionDetailView(execution) })
  },
)
