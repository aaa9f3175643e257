import { eq } from 'drizzle-orm'
import { decode, encode } from 'next-auth/jwt'
import type { Db } from '../db'
import { users } from '../db'

/** next-auth's session cookie names (the `__Secure-` one on HTTPS). Our token is that cookie's value, as-is. */
export const sessionCookieNames = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const

/** next-auth's default session lifetime (30 days). */
export const defaultSessionMaxAgeSeconds = 30 * 24 * 60 * 60

export interface SessionUser {
  id: string
  email: string
  name: string
  sessionVersion: number
}

/**
 * The claims Backplane puts in a next-auth JWT. The web app's next-auth `jwt` callback must return these
 * (`sessionClaims(user)`), so that tokens issued by next-auth and by `issueSessionToken` are interchangeable.
 */
export interface SessionClaims extends Record<string, unknown> {
  sub: string
  email: string
  name: string
  sessionVersion: number
}

export function sessionClaims(user: SessionUser): SessionClaims {
  return { sub: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }
}

/**
 * Encodes a session token exactly as next-auth v4 does (JWE, A256GCM, key derived from the secret with no salt),
 * so the value can be set as the `next-auth.session-token` cookie or passed to the collab provider as `token`.
 */
export async function issueSessionToken(options: {
  user: SessionUser
  secret: string
  maxAgeSeconds?: number
}): Promise<string> {
  return encode({
    token: sessionClaims(options.user),
    secret: options.secret,
    maxAge: options.maxAgeSeconds ?? defaultSessionMaxAgeSeconds,
  })
}

export const SessionRefusal = {
  invalid: 'invalid-token',
  expired: 'expired-token',
  unknownUser: 'unknown-user',
  stale: 'stale-session',
} as const
export type SessionRefusal = (typeof SessionRefusal)[keyof typeof SessionRefusal]

export type SessionCheck = { ok: true; user: SessionUser } | { ok: false; reason: SessionRefusal }

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}

/** Decrypts and shape-checks the claims without touching the database. Never throws. */
export async function decodeSessionClaims(options: {
  token: string
  secret: string
}): Promise<{ ok: true; claims: SessionClaims } | { ok: false; reason: SessionRefusal }> {
  let payload: Record<string, unknown> | null
  try {
    payload = await decode({ token: options.token, secret: options.secret })
  } catch (err) {
    return { ok: false, reason: errorCode(err) === 'ERR_JWT_EXPIRED' ? SessionRefusal.expired : SessionRefusal.invalid }
  }
  if (!payload) return { ok: false, reason: SessionRefusal.invalid }
  const { sub, email, name, sessionVersion } = payload
  if (typeof sub !== 'string' || typeof sessionVersion !== 'number' || !Number.isInteger(sessionVersion)) {
    return { ok: false, reason: SessionRefusal.invalid }
  }
  return {
    ok: true,
    claims: {
      sub,
      email: typeof email === 'string' ? email : '',
      name: typeof name === 'string' ? name : '',
      sessionVersion,
    },
  }
}

/**
 * The one session check shared by web and collab: decrypts the token, then requires the user to exist with the
 * same `sessionVersion` (a password change, sign-out-everywhere or removal bumps it). Never throws on bad input.
 */
export async function verifySessionToken(options: { db: Db; token: string; secret: string }): Promise<SessionCheck> {
  const decoded = await decodeSessionClaims(options)
  if (!decoded.ok) return decoded
  const [row] = await options.db
    .select({ id: users.id, email: users.email, name: users.name, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, decoded.claims.sub))
  if (!row) return { ok: false, reason: SessionRefusal.unknownUser }
  if (row.sessionVersion !== decoded.claims.sessionVersion) return { ok: false, reason: SessionRefusal.stale }
  return { ok: true, user: row }
}

/**
 * The session token from a `Cookie` header (what a browser sends on the collab WebSocket upgrade), joining
 * next-auth's chunked cookies (`name.0`, `name.1`, …). Undefined when absent.
 */
export function readSessionCookie(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined
  const jar = new Map<string, string>()
  for (const part of cookieHeader.split(';')) {
    const eqAt = part.indexOf('=')
    if (eqAt <= 0) continue
    const key = part.slice(0, eqAt).trim()
    const raw = part.slice(eqAt + 1).trim()
    try {
      jar.set(key, decodeURIComponent(raw))
    } catch {
      jar.set(key, raw)
    }
  }
  for (const name of sessionCookieNames) {
    const whole = jar.get(name)
    if (whole) return whole
    const chunks: string[] = []
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`) ?? '')
    if (chunks.length > 0) return chunks.join('')
  }
  return undefined
}
