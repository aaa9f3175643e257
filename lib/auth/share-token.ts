import { randomBytes } from 'node:crypto'
import { hashRandomToken } from './token-hash'

/** Share-link tokens are `bps_` + 32 random bytes (base64url); the prefix lets a server tell them from JWTs. */
export const shareTokenPrefix = 'bps_'

export function newShareToken(): string {
  return shareTokenPrefix + randomBytes(32).toString('base64url')
}

export function isShareToken(token: string): boolean {
  return token.startsWith(shareTokenPrefix)
}

/** What the database keeps of a share token (see token-hash.ts). */
export const hashShareToken = hashRandomToken
