import { eq } from 'drizzle-orm'
import { isServiceToken, isShareToken, verifyServiceToken, verifySessionToken } from '../../auth'
import type { Db } from '../../db'
import { type DocKind, type ProjectRole, projects, shareLinks, users } from '../../db'
import { getProjectRole } from './project-members'
import { resolveShareLink } from './share-links'

export const DocAccess = { write: 'write', read: 'read', none: 'none' } as const
export type DocAccess = (typeof DocAccess)[keyof typeof DocAccess]

/** What a credential proved, kept on a live connection so the grant can be re-checked cheaply. */
export type Grant =
  | { kind: 'session'; userId: string; sessionVersion: number }
  | { kind: 'share'; linkId: string; tokenHash: string }
  | { kind: 'service'; service: string }

export interface ProjectAccess {
  projectId: string
  /** A member role, or how a non-member got in. */
  role: ProjectRole | 'share-viewer' | 'share-commenter' | 'service'
  design: DocAccess
  discussion: DocAccess
  /** For the update log; null for share links and services. */
  userId: string | null
  /** Who, for logs and presence: an email, `share:<linkId>` or `service:<name>`. */
  actor: string
}

export const AccessRefusal = {
  missingToken: 'missing-token',
  invalidToken: 'invalid-token',
  expiredToken: 'expired-token',
  staleSession: 'stale-session',
  unknownUser: 'unknown-user',
  unknownProject: 'unknown-project',
  notAMember: 'not-a-member',
  unknownShareLink: 'unknown-share-link',
  revokedShareLink: 'revoked-share-link',
  expiredShareLink: 'expired-share-link',
  wrongProject: 'wrong-project',
} as const
export type AccessRefusal = (typeof AccessRefusal)[keyof typeof AccessRefusal]

export type AccessCheck = { ok: true; access: ProjectAccess; grant: Grant } | { ok: false; reason: AccessRefusal }

const roleAccess: Record<ProjectRole, { design: DocAccess; discussion: DocAccess }> = {
  owner: { design: 'write', discussion: 'write' },
  editor: { design: 'write', discussion: 'write' },
  commenter: { design: 'read', discussion: 'write' },
  viewer: { design: 'read', discussion: 'read' },
}

/** The access level a given access grants on one of the two documents. */
export function docAccess(access: ProjectAccess, doc: DocKind): DocAccess {
  return doc === 'design' ? access.design : access.discussion
}

const readOnly = (level: DocAccess): DocAccess => (level === 'write' ? 'read' : level)

/**
 * Turns a presented credential into access to one project: a session token (next-auth JWT, sessionVersion
 * checked), a share-link token (`bps_…`, revocation and expiry checked) or a service credential (`svc.…`).
 * Archived projects are read-only to everyone but services. Refusals are values with a reason.
 */
export async function resolveProjectAccess(
  db: Db,
  input: { token: string; secret: string; projectId: string; now?: Date },
): Promise<AccessCheck> {
  const { token } = input
  if (!token) return { ok: false, reason: AccessRefusal.missingToken }
  if (isServiceToken(token)) {
    const claims = await verifyServiceToken({ token, secret: input.secret })
    if (!claims) return { ok: false, reason: AccessRefusal.invalidToken }
    if (claims.projectId && claims.projectId !== input.projectId)
      return { ok: false, reason: AccessRefusal.wrongProject }
    return recheckGrant(db, { grant: { kind: 'service', service: claims.service }, projectId: input.projectId })
  }
  if (isShareToken(token)) {
    const link = await resolveShareLink(db, { token, now: input.now ?? new Date() })
    if (!link.ok) return { ok: false, reason: link.reason }
    if (link.link.projectId !== input.projectId) return { ok: false, reason: AccessRefusal.wrongProject }
    return recheckGrant(db, {
      grant: { kind: 'share', linkId: link.link.id, tokenHash: link.link.tokenHash },
      projectId: input.projectId,
      now: input.now,
    })
  }
  const session = await verifySessionToken({ db, token, secret: input.secret })
  if (!session.ok) return { ok: false, reason: session.reason }
  return recheckGrant(db, {
    grant: { kind: 'session', userId: session.user.id, sessionVersion: session.user.sessionVersion },
    projectId: input.projectId,
  })
}

/**
 * Re-evaluates a grant against the database as it is now: the collab server calls this every few seconds per
 * live connection so removals, role changes, revoked links and bumped session versions take effect.
 */
export async function recheckGrant(
  db: Db,
  input: { grant: Grant; projectId: string; now?: Date },
): Promise<AccessCheck> {
  const { grant, projectId } = input
  const [project] = await db
    .select({ id: projects.id, archived: projects.archived })
    .from(projects)
    .where(eq(projects.id, projectId))
  if (!project) return { ok: false, reason: AccessRefusal.unknownProject }
  const base = { projectId }
  switch (grant.kind) {
    case 'service':
      return {
        ok: true,
        grant,
        access: {
          ...base,
          role: 'service',
          design: 'write',
          discussion: 'write',
          userId: null,
          actor: `service:${grant.service}`,
        },
      }
    case 'share': {
      const [link] = await db.select().from(shareLinks).where(eq(shareLinks.id, grant.linkId))
      const now = input.now ?? new Date()
      if (!link || link.tokenHash !== grant.tokenHash) return { ok: false, reason: AccessRefusal.unknownShareLink }
      if (link.projectId !== projectId) return { ok: false, reason: AccessRefusal.wrongProject }
      if (link.revokedAt && link.revokedAt <= now) return { ok: false, reason: AccessRefusal.revokedShareLink }
      if (link.expiresAt && link.expiresAt <= now) return { ok: false, reason: AccessRefusal.expiredShareLink }
      const discussion: DocAccess = link.canComment && !project.archived ? 'write' : 'read'
      return {
        ok: true,
        grant,
        access: {
          ...base,
          role: link.canComment ? 'share-commenter' : 'share-viewer',
          design: 'read',
          discussion,
          userId: null,
          actor: `share:${link.id}`,
        },
      }
    }
    case 'session': {
      const [user] = await db
        .select({ sessionVersion: users.sessionVersion, email: users.email })
        .from(users)
        .where(eq(users.id, grant.userId))
      if (!user) return { ok: false, reason: AccessRefusal.unknownUser }
      if (user.sessionVersion !== grant.sessionVersion) return { ok: false, reason: AccessRefusal.staleSession }
      const role = await getProjectRole(db, projectId, grant.userId)
      if (!role) return { ok: false, reason: AccessRefusal.notAMember }
      const levels = roleAccess[role]
      return {
        ok: true,
        grant,
        access: {
          ...base,
          role,
          design: project.archived ? readOnly(levels.design) : levels.design,
          discussion: project.archived ? readOnly(levels.discussion) : levels.discussion,
          userId: grant.userId,
          actor: user.email,
        },
      }
    }
  }
}
