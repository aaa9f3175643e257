import { createInvitation, isOrgRole, listInvitations } from '../../../../../../lib/service/web-accounts'
import { ApiError } from '../../../../../_lib/api-error'
import { readJsonObject, stringField, withSession } from '../../../../../_lib/with-session'
import { requireOrgMember } from '../../org-access'
import { unwrapWeb } from '../../web-account-api'

/** GET /api/v1/orgs/:orgId/invitations → {invitations}: the open ones (members see them too). */
export const GET = withSession<{ orgId: string }>(async (_req, { db, user }, { orgId }) => {
  await requireOrgMember(db, orgId, user.id)
  return Response.json({ invitations: await listInvitations(db, orgId) })
})

/**
 * POST /api/v1/orgs/:orgId/invitations {email, role} → 201 {invitation, url}: the invite link to copy (no email is
 * sent). It is shown once: only the token's hash is stored.
 */
export const POST = withSession<{ orgId: string }>(async (req, { db, user }, { orgId }) => {
  await requireOrgMember(db, orgId, user.id)
  const body = await readJsonObject(req)
  const role = stringField(body, 'role', { optional: true }) || 'member'
  if (!isOrgRole(role)) throw new ApiError('invalid-role', 'role must be owner, admin or member')
  const { invitation, token } = unwrapWeb(
    await createInvitation(db, { orgId, email: stringField(body, 'email'), role, invitedBy: user.id }),
  )
  const url = new URL(`/orgs/join?token=${encodeURIComponent(token)}`, publicOrigin(req)).toString()
  return Response.json({ invitation, url }, { status: 201 })
})

/** The origin people reach the app at (NEXTAUTH_URL when set: behind a proxy the request URL is internal). */
function publicOrigin(req: Request): string {
  return process.env.NEXTAUTH_URL ?? new URL(req.url).origin
}
