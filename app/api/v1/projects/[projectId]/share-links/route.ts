import { createShareLink, listShareLinks } from '../../../../../../lib/service/accounts'
import { ApiError } from '../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { readJsonObject, withSession } from '../../../../../_lib/with-session'

function publicLink(link: Awaited<ReturnType<typeof listShareLinks>>[number]) {
  const { tokenHash: _hidden, ...rest } = link
  return rest
}

/** GET /api/v1/projects/:projectId/share-links → {links} (owners). Tokens are never readable back. */
export const GET = withSession<{ projectId: string }>(async (_req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'admin')
  const links = await listShareLinks(ctx.db, projectId)
  return Response.json({ links: links.map(publicLink) })
})

/**
 * POST {canComment?, expiresInHours?} → 201 {link, url}: a read-only link, shown once. The URL opens the project
 * read-only without an account.
 */
export const POST = withSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'admin')
  const body = await readJsonObject(req)
  const hours = body.expiresInHours
  if (hours !== undefined && (typeof hours !== 'number' || !(hours > 0))) {
    throw new ApiError('invalid-request', '"expiresInHours" must be a positive number')
  }
  const { link, token } = await createShareLink(ctx.db, {
    projectId,
    createdBy: ctx.user.id,
    canComment: body.canComment === true,
    expiresAt: typeof hours === 'number' ? new Date(Date.now() + hours * 3_600_000) : null,
  })
  const origin = new URL(req.url).origin
  return Response.json({ link: publicLink(link), url: `${origin}/share/${token}` }, { status: 201 })
})
