import { defaultSessionMaxAgeSeconds, issueSessionToken, type SessionUser } from '../../../../lib/auth'

/**
 * A `Set-Cookie` header carrying a fresh next-auth session token for `user` — after a password change bumped the
 * session version, the session that made the change stays signed in while every other one ends. Same cookie name
 * and attributes as next-auth's own (the `__Secure-` name when the request came over HTTPS).
 */
export async function freshSessionCookie(req: Request, user: SessionUser, secret: string): Promise<string> {
  const token = await issueSessionToken({ user, secret })
  const secure = new URL(req.url).protocol === 'https:' || (process.env.NEXTAUTH_URL ?? '').startsWith('https:')
  const name = secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token'
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${defaultSessionMaxAgeSeconds}${secure ? '; Secure' : ''}`
}
