import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db'
import { IdPrefix, newId, type OrgRole, organizationMembers, organizations } from '../../db'
import { AccountErrorCode, type AccountResult, fail, ok } from './account-result'
import { bumpSessionVersion } from './users'

export type Organization = typeof organizations.$inferSelect
export type OrganizationMember = typeof organizationMembers.$inferSelect

const orgRoles: readonly string[] = ['owner', 'admin', 'member']

/** A shared (non-personal) organization with its creator as owner. */
export async function createOrganization(
  db: Db,
  input: { name: string; ownerId: string },
): Promise<AccountResult<Organization>> {
  const name = input.name.trim()
  if (!name) return fail(AccountErrorCode.invalidName, 'an organization needs a name')
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ id: newId(IdPrefix.organization), name, personal: false })
      .returning()
    if (!org) throw new Error('insert returned no row')
    await tx.insert(organizationMembers).values({ orgId: org.id, userId: input.ownerId, role: 'owner' })
    return ok(org)
  })
}

export async function getOrganization(db: Db, orgId: string): Promise<Organization | null> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId))
  return org ?? null
}

/** Adds or changes a member. Personal organizations keep their single owner. */
export async function setOrganizationMember(
  db: Db,
  input: { orgId: string; userId: string; role: OrgRole },
): Promise<AccountResult<OrganizationMember>> {
  if (!orgRoles.includes(input.role)) return fail(AccountErrorCode.invalidRole, `unknown role "${input.role}"`)
  const org = await getOrganization(db, input.orgId)
  if (!org) return fail(AccountErrorCode.notFound, `no organization ${input.orgId}`)
  if (org.personal) return fail(AccountErrorCode.personalOrganization, 'a personal organization has one member')
  const [row] = await db
    .insert(organizationMembers)
    .values(input)
    .onConflictDoUpdate({ target: [organizationMembers.orgId, organizationMembers.userId], set: { role: input.role } })
    .returning()
  if (!row) throw new Error('upsert returned no row')
  return ok(row)
}

/**
 * Removes a member and bumps their session version ("removal"), so open sessions re-authenticate.
 * The last owner cannot be removed.
 */
export async function removeOrganizationMember(
  db: Db,
  input: { orgId: string; userId: string },
): Promise<AccountResult<true>> {
  const members = await db.select().from(organizationMembers).where(eq(organizationMembers.orgId, input.orgId))
  const target = members.find((m) => m.userId === input.userId)
  if (!target) return fail(AccountErrorCode.notFound, `${input.userId} is not a member`)
  if (target.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
    return fail(AccountErrorCode.lastOwner, 'an organization keeps at least one owner')
  }
  await db
    .delete(organizationMembers)
    .where(and(eq(organizationMembers.orgId, input.orgId), eq(organizationMembers.userId, input.userId)))
  await bumpSessionVersion(db, input.userId)
  return ok(true)
}

export async function listOrganizationsForUser(
  db: Db,
  userId: string,
): Promise<Array<Organization & { role: OrgRole }>> {
  const rows = await db
    .select({ org: organizations, role: organizationMembers.role })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.orgId))
    .where(eq(organizationMembers.userId, userId))
  return rows.map((r) => ({ ...r.org, role: r.role }))
}

export async function getOrganizationRole(db: Db, orgId: string, userId: string): Promise<OrgRole | null> {
  const [row] = await db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.orgId, orgId), eq(organizationMembers.userId, userId)))
  return row?.role ?? null
}
