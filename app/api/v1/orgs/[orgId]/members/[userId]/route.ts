import {
  changeOrganizationMemberRole,
  isOrgRole,
  removeOrganizationMemberAs,
} from '../../../../../../../lib/service/web-accounts'
import { ApiError } from '../../../../../../_lib/api-error'
import { readJsonObject, stringField, withSession } from '../../../../../../_lib/with-session'
import { requireOrgMember } from '../../../org-access'
import { unwrapWeb } from '../../../web-account-api'

type Params = { orgId: string; userId: string }

/** PATCH …/members/:userId {role} → {role}: owners change anyone, admins change members and admins. */
export const PATCH = withSession<Params>(async (req, { db, user }, { orgId, userId }) => {
  await requireOrgMember(db, orgId, user.id)
  const role = stringField(await readJsonObject(req), 'role')
  if (!isOrgRole(role)) throw new ApiError('invalid-role', 'role must be owner, admin or member')
  unwrapWeb(await changeOrganizationMemberRole(db, { orgId, actorId: user.id, userId, role }))
  return Response.json({ userId, role })
})

/**
 * DELETE …/members/:userId → {removed}: removes a member (their sessions end), or — your own id — leaves the
 * organization (you stay signed in). The last owner can do neither.
 */
export const DELETE = withSession<Params>(async (_req, { db, user }, { orgId, userId }) => {
  await requireOrgMember(db, orgId, user.id)
  unwrapWeb(await removeOrganizationMemberAs(db, { orgId, actorId: user.id, userId }))
  return Response.json({ removed: userId })
})
