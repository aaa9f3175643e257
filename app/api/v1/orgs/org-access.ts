import type { Db } from '../../../../lib/db'
import { getOrganization, getOrganizationRole, type Organization } from '../../../../lib/service/accounts'
import { ApiError } from '../../../_lib/api-error'

/** The organization and the caller's role in it, or a 404 (non-members do not learn that it exists). */
export async function requireOrgMember(db: Db, orgId: string, userId: string) {
  const [org, role] = await Promise.all([getOrganization(db, orgId), getOrganizationRole(db, orgId, userId)])
  if (!org || !role) throw new ApiError('not-found', `no organization ${orgId} that you belong to`)
  return { org: org satisfies Organization, role }
}
