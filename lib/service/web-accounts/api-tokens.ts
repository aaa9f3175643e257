import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { hashRandomToken } from '../../auth'
import { type Db, newId, projectMembers, users } from '../../db'
import { apiTokens } from '../../db/web-schema'
import { fail, ok, WebAccountErrorCode, type WebAccountResult } from './web-account-result'

/** What lists show of a token: never its hash. */
export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>

export const apiTokenPrefix = 'bpt_'
/** Characters of the token kept in clear for lists (`bpt_` + 6), enough to tell tokens apart, useless to guess. */
const shownLength = apiTokenPrefix.length + 6
const maxNameLength = 100
/** The longest lifetime a token may ask for; `null` (no expiry) is allowed and said so in the UI. */
export const maxApiTokenLifetimeDays = 366
const lastUsedResolutionMs = 60_000

export function isApiToken(value: string): boolean {
  return value.startsWith(apiTokenPrefix)
}

function publicToken(row: typeof apiTokens.$inferSelect): ApiToken {
  const { tokenHash: _hidden, ...rest } = row
  return rest
}

/**
 * Creates an API token for `userId`: returned once, stored as sha256. `projectId` limits it to that project (the
 * user must be a member); `expiresInDays` null = no expiry.
 */
export async function createApiToken(
  db: Db,
  input: { userId: string; name: string; projectId?: string | null; expiresInDays: number | null; now?: Date },
): Promise<WebAccountResult<{ apiToken: ApiToken; token: string }>> {
  const name = input.name.trim()
  if (!name || name.length > maxNameLength)
    return fail(WebAccountErrorCode.invalidName, `a token needs a name of 1–${maxNameLength} characters`)
  const days = input.expiresInDays
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > maxApiTokenLifetimeDays))
    return fail(
      WebAccountErrorCode.invalidRequest,
      `expiresInDays must be a whole number from 1 to ${maxApiTokenLifetimeDays}, or null for no expiry`,
    )
  const projectId = input.projectId || null
  if (projectId) {
    const [member] = await db
      .select()
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, input.userId)))
    if (!member) return fail(WebAccountErrorCode.notFound, `no project ${projectId} that you are a member of`)
  }
  const now = input.now ?? new Date()
  const token = apiTokenPrefix + randomBytes(32).toString('base64url')
  const [row] = await db
    .insert(apiTokens)
    .values({
      id: newId('tok'),
      userId: input.userId,
      name,
      tokenHash: hashRandomToken(token),
      prefix: token.slice(0, shownLength),
      projectId,
      createdAt: now,
      expiresAt: days === null ? null : new Date(now.getTime() + days * 24 * 60 * 60 * 1000),
    })
    .returning()
  if (!row) throw new Error('insert returned no row')
  return ok({ apiToken: publicToken(row), token })
}

/** The user's tokens that are not revoked, newest first (expired ones too: the list says they expired). */
export async function listApiTokens(db: Db, userId: string): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
  return rows.map(publicToken)
}

export async function revokeApiToken(
  db: Db,
  input: { userId: string; tokenId: string; now?: Date },
): Promise<WebAccountResult<ApiToken>> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: input.now ?? new Date() })
    .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning()
  if (!row) return fail(WebAccountErrorCode.notFound, `no active token ${input.tokenId}`)
  return ok(publicToken(row))
}

export type ApiTokenRefusal = 'unknown-token' | 'revoked-token' | 'expired-token'

export type ApiTokenCheck =
  | {
      ok: true
      user: { id: string; email: string; name: string; sessionVersion: number }
      tokenId: string
      projectId: string | null
    }
  | { ok: false; reason: ApiTokenRefusal }

/** Verifies a presented API token and records its use. Refusals say why (unknown, revoked, expired). */
export async function verifyApiToken(db: Db, input: { token: string; now?: Date }): Promise<ApiTokenCheck> {
  const now = input.now ?? new Date()
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashRandomToken(input.token)))
  if (!row) return { ok: false, reason: 'unknown-token' }
  if (row.token.revokedAt) return { ok: false, reason: 'revoked-token' }
  if (row.token.expiresAt && row.token.expiresAt.getTime() <= now.getTime())
    return { ok: false, reason: 'expired-token' }
  // "Last used" is for people reading the list: at most one write a minute per token, not one per request.
  const last = row.token.lastUsedAt?.getTime() ?? 0
  if (now.getTime() - last >= lastUsedResolutionMs)
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id))
  const { id, email, name, sessionVersion } = row.user
  return { ok: true, user: { id, email, name, sessionVersion }, tokenId: row.token.id, projectId: row.token.projectId }
}
