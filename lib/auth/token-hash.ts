import { createHash } from 'node:crypto'

/**
 * sha256 (hex) of a random bearer token (share links, invitations, API tokens): what the database keeps. A plain
 * hash is enough (no salt, no slow KDF) because each token has 256 bits of entropy; it also makes the lookup an
 * index hit.
 */
export function hashRandomToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
