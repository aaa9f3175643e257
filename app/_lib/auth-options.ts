import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { sessionClaims, verifySessionToken } from '../../lib/auth'
import { authenticateUser } from '../../lib/service/accounts'
import { serverContext } from './server-context'
import { signInLimiter } from './sign-in-limiter'

/**
 * next-auth 4 options: email + password (Credentials) on JWT sessions whose claims are lib/auth's
 * `sessionClaims`, so the same cookie is accepted by the collab server. Every request re-checks the
 * `sessionVersion` (sign-out everywhere and password changes end other sessions at once).
 */
export function authOptions(): NextAuthOptions {
  const { db, secret } = serverContext()
  return {
    secret,
    session: { strategy: 'jwt' },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials) {
          const email = credentials?.email ?? ''
          if (!signInLimiter.allow(email.toLowerCase())) throw new Error('Too many sign-in attempts; wait a minute.')
          const user = await authenticateUser(db, { email, password: credentials?.password ?? '' })
          if (!user) return null
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user && 'sessionVersion' in user && typeof user.sessionVersion === 'number') {
          return {
            ...token,
            ...sessionClaims({
              id: user.id,
              email: user.email ?? '',
              name: user.name ?? '',
              sessionVersion: user.sessionVersion,
            }),
          }
        }
        return token
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } }
      },
    },
  }
}

/** The signed-in user behind a raw session token, or null (expired, stale `sessionVersion`, unknown user). */
export async function userFromToken(token: string | undefined) {
  if (!token) return null
  const { db, secret } = serverContext()
  const check = await verifySessionToken({ db, token, secret })
  return check.ok ? check.user : null
}
