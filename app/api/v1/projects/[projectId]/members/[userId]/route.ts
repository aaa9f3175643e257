import { removeProjectMember } from '../../../../../../../lib/service/accounts'
import { ApiError } from '../../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../../_lib/project-access'
import { withSession } from '../../../../../../_lib/with-session'

/** DELETE …/members/:userId (owners; anyone may remove themselves). The collab server drops their live session. */
export const DELETE = withSession<{ projectId: string; userId: string }>(async (_req, ctx, { projectId, userId }) => {
  await requireProjectAccess(ctx, projectId, userId === ctx.user.id ? 'read' : 'admin')
  const result = await removeProjectMember(ctx.db, { projectId, userId })
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return Response.json({ removed: userId })
})
