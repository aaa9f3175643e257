import { listOrganizationMembers } from '../../../../../../lib/service/web-accounts'
import { withSession } from '../../../../../_lib/with-session'
import { requireOrgMember } from '../../org-access'

/** GET /api/v1/orgs/:orgId/members → {members, role}: every member sees who else is in. */
export const GET = withSession<{ orgId: string }>(async (_req, { db, user }, { orgId }) => {
  const { role } = await requireOrgMember(db, orgId, user.id)
  return Response.json({ members: await listOrganizationMembers(db, orgId), role })
})
