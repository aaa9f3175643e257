import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { hashRandomToken } from '../../auth'
import { type Db, newId, type OrgRole, organizationMembers, organizations, users } from '../../db'
import { organizationInvitations } from '../../db/web-schema'
import { normalizeEmail } from '../accounts'
import { canManageMembers, isOrgRole } from './organization-admin'
import { fail, ok, WebAccountErrorCode, type WebAccountResult } from './web-account-result'

export type Invitation = Omit<typeof organizationInvitations.$inferSelect, 'tokenHash'>

export const invitationTokenPrefix = 'bpi_'
/** Invite links work for a week; a new invitation is one click away. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000

function publicInvitation(row: typeof organizationInvitations.$inferSelect): Invitation {
  const { tokenHash: _hidden, ...rest } = row
  return rest
}

/**
 * Invites an email address into a shared organization (owners and admins; only owners may invite owners). The token
 * is returned once, for the invite link the inviter copies; no email is sent.
 */
export async function createInvitation(
  db: Db,
  input: { orgId: string; email: string; role: OrgRole; invitedBy: string; now?: Date },
): Promise<WebAccountResult<{ invitation: Invitation; token: string }>> {
  const email = normalizeEmail(input.email)
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    return fail(WebAccountErrorCode.invalidEmail, `"${input.email}" is not an email`)
  if (!isOrgRole(input.role)) return fail(WebAccountErrorCode.invalidRole, 'role must be owner, admin or member')
  const [org] = await db.select().from(organizations).where(eq(organizations.id, input.orgId))
  if (!org) return fail(WebAccountErrorCode.notFound, `no organization ${input.orgId}`)
  if (org.personal) return fail(WebAccountErrorCode.personalOrganization, 'a personal organization has one member')
  const permission = await canManageMembers(db, { orgId: input.orgId, actorId: input.invitedBy, role: input.role })
  if (!permission.ok) return permission
  const now = input.now ?? new Date()
  const token = invitationTokenPrefix + randomBytes(32).toString('base64url')
  const [row] = await db
    .insert(organizationInvitations)
    .values({
      id: newId('inv'),
      orgId: input.orgId,
      email,
      role: input.role,
      tokenHash: hashRandomToken(token),
      invitedBy: input.invitedBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    })
    .returning()
  if (!row) throw new Error('insert returned no row')
  return ok({ invitation: publicInvitation(row), token })
}

/** Open invitations of an organization (not accepted, not revoked), newest first. */
export async function listInvitations(db: Db, orgId: string): Promise<Invitation[]> {
  const rows = await db
    .select()
    .from(organizationInvitations)
    .where(
      and(
        eq(organizationInvitations.orgId, orgId),
        isNull(organizationInvitations.acceptedAt),
        isNull(organizationInvitations.revokedAt),
      ),
    )
    .orderBy(desc(organizationInvitations.createdAt))
  return rows.map(publicInvitation)
}

export async function revokeInvitation(
  db: Db,
  input: { orgId: string; invitationId: string; now?: Date },
): Promise<WebAccountResult<Invitation>> {
  const [row] = await db
    .update(organizationInvitations)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(eq(organizationInvitations.id, input.invitationId), eq(organizationInvitations.orgId, input.orgId)))
    .returning()
  return row ? ok(publicInvitation(row)) : fail(WebAccountErrorCode.notFound, `no invitation ${input.invitationId}`)
}

export interface InvitationPreview {
  invitation: Invitation
  orgName: string
  /** Why it can no longer be accepted; null when it can. */
  unusable: 'accepted' | 'revoked' | 'expired' | null
}

/** What an invite link is for (the accept page shows it before the user accepts). Null for an unknown token. */
export async function previewInvitation(
  db: Db,
  input: { token: string; now?: Date },
): Promise<InvitationPreview | null> {
  if (!input.token.startsWith(invitationTokenPrefix)) return null
  const [row] = await db
    .select({ invitation: organizationInvitations, orgName: organizations.name })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.orgId))
    .where(eq(organizationInvitations.tokenHash, hashRandomToken(input.token)))
  if (!row) return null
  const now = input.now ?? new Date()
  const i = row.invitation
  const unusable = i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= now ? 'expired' : null
  return { invitation: publicInvitation(i), orgName: row.orgName, unusable }
}

/**
 * Accepts an invitation as the signed-in user, whose email must be the invited one (a forwarded link does not let
 * someone else in). Joins with the invited role; an existing stronger membership is kept as it is.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; userId: string; now?: Date },
): Promise<WebAccountResult<{ orgId: string; role: OrgRole }>> {
  const preview = await previewInvitation(db, input)
  if (!preview) return fail(WebAccountErrorCode.notFound, 'this invite link is not valid')
  if (preview.unusable) return fail(WebAccountErrorCode.invitationUnusable, `this invitation was ${preview.unusable}`)
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.userId))
  if (!user) return fail(WebAccountErrorCode.notFound, 'your account no longer exists')
  const { invitation } = preview
  if (user.email !== invitation.email) {
    return fail(
      WebAccountErrorCode.wrongAccount,
      `this invitation is for ${invitation.email}; you are signed in as ${user.email}`,
    )
  }
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(organizationInvitations)
      .set({ acceptedAt: input.now ?? new Date() })
      .where(and(eq(organizationInvitations.id, invitation.id), isNull(organizationInvitations.acceptedAt)))
      .returning({ id: organizationInvitations.id })
    if (!claimed)
      return fail<{ orgId: string; role: OrgRole }>(WebAccountErrorCode.invitationUnusable, 'already accepted')
    const [existing] = await tx
      .select({ role: organizationMembers.role })
      .from(organizationMembers)
      .where(and(eq(organizationMembers.orgId, invitation.orgId), eq(organizationMembers.userId, input.userId)))
    if (existing) return ok({ orgId: invitation.orgId, role: existing.role })
    await tx
      .insert(organizationMembers)
      .values({ orgId: invitation.orgId, userId: input.userId, role: invitation.role })
    return ok({ orgId: invitation.orgId, role: invitation.role })
  })
}
