import { createHash, randomBytes } from 'node:crypto'

/** Share-link tokens are `bps_` + 32 random bytes (base64url); the prefix lets a server tell them from JWTs. */
export const shareTokenPrefix = 'bps_'

export function newShareToken(): string {
  return shareTokenPrefix + randomBytes(32).toString('base64url')
}

export function isShareToken(token: string): boolean {
  return token.startsWith(shareTokenPrefix)
}

/**
 * sha256 (hex) of the token: what the database keeps. A plain hash is enough (no salt, no slow KDF) because the
 * token has 256 bits of entropy; it also makes the lookup an index hit.
 */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
