import { DeadLetterStatus, listDeadLetters } from '../../../../../../lib/runtime'
import { ApiError } from '../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { parseEnvironment, withRuntimeSession } from '../../../../../_lib/runtime-context'

/**
 * GET /api/v1/projects/:projectId/dead-letters?environment=&queue=&consumer=&status= → {deadLetters} newest first:
 * message, consumer, last error, attempt history, replay record. docs/runtime-api.md.
 */
export const GET = withRuntimeSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const query = new URL(req.url).searchParams
  const status = query.get('status')
  if (status && !Object.hasOwn(DeadLetterStatus, status))
    throw new ApiError('invalid-request', `unknown status "${status}": ${Object.keys(DeadLetterStatus).join(', ')}`)
  const text = (key: string) => (query.get(key) ? { [key]: query.get(key) ?? '' } : {})
  const rows = await listDeadLetters(
    { db: ctx.db },
    {
      projectId,
      ...(query.get('environment') ? { environment: parseEnvironment(query.get('environment')) } : {}),
      ...text('queue'),
      ...text('consumer'),
      ...(status ? { status: status as DeadLetterStatus } : {}),
    },
  )
  return Response.json({ deadLetters: rows.map(({ projectId: _, ...letter }) => letter) })
})
