import { and, eq } from 'drizzle-orm'
import { type Db, type OrgRole, organizationMembers, organizations, users } from '../../db'
import { removeOrganizationMember, setOrganizationMember } from '../accounts'
import { fail, fromAccountError, ok, WebAccountErrorCode, type WebAccountResult } from './web-account-result'

const orgRoles: readonly string[] = ['owner', 'admin', 'member']

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && orgRoles.includes(value)
}

export interface OrganizationMemberView {
  userId: string
  email: string
  name: string
  role: OrgRole
}

export async function listOrganizationMembers(db: Db, orgId: string): Promise<OrganizationMemberView[]> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: organizationMembers.role })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.orgId, orgId))
    .orderBy(users.email)
}

async function roleOf(db: Db, orgId: string, userId: string): Promise<OrgRole | null> {
  const [row] = await db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.orgId, orgId), eq(organizationMembers.userId, userId)))
  return row?.role ?? null
}

/**
 * Who may manage whom: owners manage everyone; admins manage members and admins but never grant, change or
 * remove an owner; members manage nobody. `role` is the role being granted, `targetId` the member acted on.
 */
export async function canManageMembers(
  db: Db,
  input: { orgId: string; actorId: string; role?: OrgRole; targetId?: string },
): Promise<WebAccountResult<true>> {
  const actor = await roleOf(db, input.orgId, input.actorId)
  if (!actor) return fail(WebAccountErrorCode.notFound, 'you are not a member of this organization')
  if (actor === 'owner') return ok(true)
  if (actor === 'member') return fail(WebAccountErrorCode.forbidden, 'only owners and admins manage members')
  if (input.role === 'owner') return fail(WebAccountErrorCode.forbidden, 'only an owner can make someone an owner')
  if (input.targetId && (await roleOf(db, input.orgId, input.targetId)) === 'owner') {
    return fail(WebAccountErrorCode.forbidden, 'only an owner can change or remove an owner')
  }
  return ok(true)
}

/** Changes a member's role as `actorId` (permission checked; the last owner keeps the role). */
export async function changeOrganizationMemberRole(
  db: Db,
  input: { orgId: string; actorId: string; userId: string; role: OrgRole },
): Promise<WebAccountResult<true>> {
  if (!isOrgRole(input.role)) return fail(WebAccountErrorCode.invalidRole, 'role must be owner, admin or member')
  const permission = await canManageMembers(db, { ...input, targetId: input.userId })
  if (!permission.ok) return permission
  const members = await listOrganizationMembers(db, input.orgId)
  const target = members.find((m) => m.userId === input.userId)
  if (!target) return fail(WebAccountErrorCode.notFound, `${input.userId} is not a member`)
  if (target.role === 'owner' && input.role !== 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
    return fail(WebAccountErrorCode.lastOwner, 'an organization keeps at least one owner')
  }
  const result = await setOrganizationMember(db, { orgId: input.orgId, userId: input.userId, role: input.role })
  return result.ok ? ok(true) : fromAccountError(result.error)
}

/** Removes a member as `actorId`; their sessions end (accounts service: removal bumps sessionVersion). */
export async function removeOrganizationMemberAs(
  db: Db,
  input: { orgId: string; actorId: string; userId: string },
): Promise<WebAccountResult<true>> {
  if (input.actorId === input.userId) return leaveOrganization(db, { orgId: input.orgId, userId: input.userId })
  const permission = await canManageMembers(db, { ...input, targetId: input.userId })
  if (!permission.ok) return permission
  const result = await removeOrganizationMember(db, { orgId: input.orgId, userId: input.userId })
  return result.ok ? ok(true) : fromAccountError(result.error)
}

/**
 * Leaves a shared organization. Unlike a removal this does not end the leaver's sessions (they chose it, and stay
 * signed in); access through the organization ends with the membership row, which the collab re-check reads.
 */
export async function leaveOrganization(
  db: Db,
  input: { orgId: string; userId: string },
): Promise<WebAccountResult<true>> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, input.orgId))
  if (!org) return fail(WebAccountErrorCode.notFound, `no organization ${input.orgId}`)
  if (org.personal) return fail(WebAccountErrorCode.personalOrganization, 'you cannot leave your personal organization')
  const members = await listOrganizationMembers(db, input.orgId)
  const me = members.find((m) => m.userId === input.userId)
  if (!me) return fail(WebAccountErrorCode.notFound, 'you are not a member of this organization')
  if (me.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
    return fail(WebAccountErrorCode.lastOwner, 'make someone else an owner before you leave')
  }
  await db
    .delete(organizationMembers)
    .where(and(eq(organizationMembers.orgId, input.orgId), eq(organizationMembers.userId, input.userId)))
  return ok(true)
}
