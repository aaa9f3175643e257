import { revokeShareLink } from '../../../../../../../lib/service/accounts'
import { ApiError } from '../../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../../_lib/project-access'
import { withSession } from '../../../../../../_lib/with-session'

/** DELETE …/share-links/:linkId revokes it; live connections through it close within seconds (collab re-check). */
export const DELETE = withSession<{ projectId: string; linkId: string }>(async (_req, ctx, { projectId, linkId }) => {
  await requireProjectAccess(ctx, projectId, 'admin')
  const result = await revokeShareLink(ctx.db, { projectId, linkId })
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  const { tokenHash: _hidden, ...link } = result.value
  return Response.json({ link })
})
