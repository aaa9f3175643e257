import { canManageMembers, revokeInvitation } from '../../../../../../../lib/service/web-accounts'
import { withSession } from '../../../../../../_lib/with-session'
import { unwrapWeb } from '../../../web-account-api'

/** DELETE …/invitations/:invitationId → {revoked}: owners and admins; the link stops working at once. */
export const DELETE = withSession<{ orgId: string; invitationId: string }>(
  async (_req, { db, user }, { orgId, invitationId }) => {
    unwrapWeb(await canManageMembers(db, { orgId, actorId: user.id }))
    unwrapWeb(await revokeInvitation(db, { orgId, invitationId }))
    return Response.json({ revoked: invitationId })
  },
)
