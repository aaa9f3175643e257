import { decode, encode } from 'next-auth/jwt'

/**
 * Service credentials let server-side code (restore, import, the web app) edit a live document as a client of
 * the collab server. They are next-auth-format JWTs under a different key derivation salt, so a service token
 * can never pass as a session token or the other way round, plus a visible prefix so servers can dispatch.
 */
export const serviceTokenPrefix = 'svc.'
const serviceSalt = 'backplane.service-credential'

export interface ServiceClaims {
  /** Who is acting, for the update log (`connection_id` gets `service:<name>`). */
  service: string
  /** Limit to one project; undefined = any project. */
  projectId?: string
}

export function isServiceToken(token: string): boolean {
  return token.startsWith(serviceTokenPrefix)
}

/** Short-lived by default (5 minutes): a server-side client asks for a fresh one per connection. */
export async function issueServiceToken(options: {
  secret: string
  service: string
  projectId?: string
  maxAgeSeconds?: number
}): Promise<string> {
  const token: Record<string, unknown> = { kind: 'service', service: options.service }
  if (options.projectId) token.projectId = options.projectId
  const jwe = await encode({ token, secret: options.secret, salt: serviceSalt, maxAge: options.maxAgeSeconds ?? 300 })
  return serviceTokenPrefix + jwe
}

/** Null when the token is not a valid, unexpired service credential for this secret. Never throws. */
export async function verifyServiceToken(options: { token: string; secret: string }): Promise<ServiceClaims | null> {
  if (!isServiceToken(options.token)) return null
  try {
    const payload = await decode({
      token: options.token.slice(serviceTokenPrefix.length),
      secret: options.secret,
      salt: serviceSalt,
    })
    if (payload?.kind !== 'service' || typeof payload.service !== 'string') return null
    const claims: ServiceClaims = { service: payload.service }
    if (typeof payload.projectId === 'string') claims.projectId = payload.projectId
    return claims
  } catch {
    return null
  }
}
