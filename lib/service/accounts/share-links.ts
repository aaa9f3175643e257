import { and, desc, eq, isNull } from 'drizzle-orm'
import { hashShareToken, isShareToken, newShareToken } from '../../auth'
import type { Db } from '../../db'
import { IdPrefix, newId, shareLinks } from '../../db'
import { AccountErrorCode, type AccountResult, fail, ok } from './account-result'

export type ShareLink = typeof shareLinks.$inferSelect

/**
 * Creates a read-only share link (optionally allowed to comment, optionally expiring). The token is returned
 * once, here; only its hash is stored.
 */
export async function createShareLink(
  db: Db,
  input: { projectId: string; createdBy: string | null; canComment?: boolean; expiresAt?: Date | null },
): Promise<{ link: ShareLink; token: string }> {
  const token = newShareToken()
  const [link] = await db
    .insert(shareLinks)
    .values({
      id: newId(IdPrefix.shareLink),
      projectId: input.projectId,
      tokenHash: hashShareToken(token),
      canComment: input.canComment ?? false,
      createdBy: input.createdBy,
      expiresAt: input.expiresAt ?? null,
    })
    .returning()
  if (!link) throw new Error('insert returned no row')
  return { link, token }
}

/** Revokes a link of this project (idempotent; the first revocation time is kept). */
export async function revokeShareLink(
  db: Db,
  input: { projectId: string; linkId: string; now?: Date },
): Promise<AccountResult<ShareLink>> {
  const [row] = await db
    .update(shareLinks)
    .set({ revokedAt: input.now ?? new Date() })
    .where(
      and(eq(shareLinks.id, input.linkId), eq(shareLinks.projectId, input.projectId), isNull(shareLinks.revokedAt)),
    )
    .returning()
  if (row) return ok(row)
  const [existing] = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.id, input.linkId), eq(shareLinks.projectId, input.projectId)))
  return existing ? ok(existing) : fail(AccountErrorCode.notFound, `no share link ${input.linkId} on this project`)
}

export async function listShareLinks(db: Db, projectId: string): Promise<ShareLink[]> {
  return db.select().from(shareLinks).where(eq(shareLinks.projectId, projectId)).orderBy(desc(shareLinks.createdAt))
}

export const ShareLinkRefusal = {
  unknown: 'unknown-share-link',
  revoked: 'revoked-share-link',
  expired: 'expired-share-link',
} as const
export type ShareLinkRefusal = (typeof ShareLinkRefusal)[keyof typeof ShareLinkRefusal]

/** Looks a presented token up by its hash and checks revocation and expiry at `now`. Never throws on bad input. */
export async function resolveShareLink(
  db: Db,
  input: { token: string; now?: Date },
): Promise<{ ok: true; link: ShareLink } | { ok: false; reason: ShareLinkRefusal }> {
  if (!isShareToken(input.token)) return { ok: false, reason: ShareLinkRefusal.unknown }
  const [link] = await db
    .select()
    .from(shareLinks)
    .where(eq(shareLinks.tokenHash, hashShareToken(input.token)))
  if (!link) return { ok: false, reason: ShareLinkRefusal.unknown }
  const now = input.now ?? new Date()
  if (link.revokedAt && link.revokedAt <= now) return { ok: false, reason: ShareLinkRefusal.revoked }
  if (link.expiresAt && link.expiresAt <= now) return { ok: false, reason: ShareLinkRefusal.expired }
  return { ok: true, link }
}
