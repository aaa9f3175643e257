import { ExecutionStatus, executionView, listExecutions } from '../../../../../../lib/runtime'
import { ApiError } from '../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { parseEnvironment, withRuntimeSession } from '../../../../../_lib/runtime-context'

/**
 * GET /api/v1/projects/:projectId/executions?processId=&environment=&status=&before=&limit= → {executions} newest
 * first (anyone who can read the project). docs/runtime-api.md.
 */
export const GET = withRuntimeSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const query = new URL(req.url).searchParams
  const status = query.get('status')
  if (status && !Object.hasOwn(ExecutionStatus, status))
    throw new ApiError('invalid-request', `unknown status "${status}": ${Object.keys(ExecutionStatus).join(', ')}`)
  const before = query.get('before')
  const beforeDate = before ? new Date(before) : undefined
  if (beforeDate && Number.isNaN(beforeDate.getTime()))
    throw new ApiError('invalid-request', `before must be an ISO time, not "${before}"`)
  const limit = query.get('limit')
  const limitValue = limit ? Number(limit) : undefined
  if (limitValue !== undefined && (!Number.isInteger(limitValue) || limitValue < 1 || limitValue > 500))
    throw new ApiError('invalid-request', `limit must be an integer from 1 to 500, not "${limit}"`)
  const rows = await listExecutions(
    { db: ctx.db },
    {
      projectId,
      ...(query.get('processId') ? { processId: query.get('processId') ?? '' } : {}),
      ...(query.get('environment') ? { environment: parseEnvironment(query.get('environment')) } : {}),
      ...(status ? { status: status as ExecutionStatus } : {}),
      ...(beforeDate ? { before: beforeDate } : {}),
      ...(limitValue ? { limit: limitValue } : {}),
    },
  )
  return Response.json({ executions: rows.map(executionView) })
})
