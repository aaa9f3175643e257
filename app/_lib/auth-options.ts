import type { NextAuthOptions, User } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import GitHubProvider from 'next-auth/providers/github'
import GoogleProvider from 'next-auth/providers/google'
import type { Provider } from 'next-auth/providers/index'
import { sessionClaims, verifySessionToken } from '../../lib/auth'
import type { Db } from '../../lib/db'
import { authenticateUser } from '../../lib/service/accounts'
import { type OAuthProvider, signInWithOAuth, verifySecondFactor } from '../../lib/service/web-accounts'
import { serverContext } from './server-context'
import { signInLimiter } from './sign-in-limiter'

/**
 * Sign-in refusals the Credentials provider throws; next-auth hands the message to the client as `error`, and
 * the sign-in form turns each into a sentence. Stable strings: the form and the tests match them.
 */
export const SignInError = {
  credentials: 'CredentialsSignin',
  rateLimited: 'rate-limited',
  twoFactorRequired: 'two-factor-required',
  twoFactorInvalid: 'two-factor-invalid',
  oauthEmailUnverified: 'oauth-email-unverified',
} as const
export type SignInError = (typeof SignInError)[keyof typeof SignInError]

/** The OAuth providers whose client id and secret are configured (GITHUB_ID/GITHUB_SECRET, GOOGLE_ID/GOOGLE_SECRET). */
export function configuredOAuthProviders(
  env: Readonly<Record<string, string | undefined>> = process.env,
): OAuthProvider[] {
  const out: OAuthProvider[] = []
  if (env.GITHUB_ID && env.GITHUB_SECRET) out.push('github')
  if (env.GOOGLE_ID && env.GOOGLE_SECRET) out.push('google')
  return out
}

type BackplaneUser = User & { sessionVersion: number }

/**
 * The credentials check: rate limit per email, password, then — for users with two-factor on — a TOTP or
 * recovery code. A missing code is `two-factor-required` (the form then shows the code field), a wrong one
 * `two-factor-invalid`; both only after the password matched, so they reveal nothing to a guesser.
 */
export async function authorizeCredentials(
  db: Db,
  credentials: { email?: string; password?: string; code?: string } | undefined,
  now = new Date(),
): Promise<BackplaneUser | null> {
  const email = credentials?.email ?? ''
  if (!signInLimiter.allow(email.trim().toLowerCase())) throw new Error(SignInError.rateLimited)
  const user = await authenticateUser(db, { email, password: credentials?.password ?? '' })
  if (!user) return null
  const code = credentials?.code?.trim() ?? ''
  const second = await verifySecondFactor(db, { userId: user.id, code, now })
  if (!second.ok) throw new Error(code ? SignInError.twoFactorInvalid : SignInError.twoFactorRequired)
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }
}

/** GitHub's profile email is not necessarily verified: ask its emails API (the `user:email` scope we request). */
async function githubVerifiedEmail(accessToken: string | undefined, email: string | null): Promise<boolean> {
  if (!accessToken || !email) return false
  const response = await fetch('https://api.github.com/user/emails', {
    headers: { Authorization: `token ${accessToken}`, 'User-Agent': 'backplane' },
  }).catch(() => null)
  if (!response?.ok) return false
  const emails = (await response.json()) as Array<{ email: string; verified: boolean }>
  return emails.some((e) => e.verified && e.email.toLowerCase() === email.toLowerCase())
}

function oauthProviders(): Provider[] {
  const env = process.env
  const out: Provider[] = []
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    out.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }))
  }
  if (env.GOOGLE_ID && env.GOOGLE_SECRET) {
    out.push(GoogleProvider({ clientId: env.GOOGLE_ID, clientSecret: env.GOOGLE_SECRET }))
  }
  return out
}

/**
 * next-auth 4 options: email + password (Credentials, with an optional two-factor `code`), plus GitHub / Google
 * when configured, on JWT sessions whose claims are lib/auth's `sessionClaims`, so the same cookie is accepted by
 * the collab server. Every request re-checks the `sessionVersion` (sign-out everywhere and password changes end
 * other sessions at once). OAuth users are our users (linked by verified email, see signInWithOAuth).
 */
export function authOptions(): NextAuthOptions {
  const { db, secret } = serverContext()
  // The user an OAuth sign-in resolved to, per provider account, between the signIn and jwt callbacks of one request.
  const resolved = new Map<string, BackplaneUser>()
  return {
    secret,
    session: { strategy: 'jwt' },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
          code: { label: 'Two-factor code', type: 'text' },
        },
        authorize: (credentials) => authorizeCredentials(db, credentials),
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.type !== 'oauth') return true
        const provider = account.provider === 'github' ? 'github' : account.provider === 'google' ? 'google' : null
        if (!provider) return false
        const email = user.email ?? null
        const emailVerified =
          provider === 'google'
            ? (profile as { email_verified?: boolean } | undefined)?.email_verified === true
            : await githubVerifiedEmail(account.access_token, email)
        const result = await signInWithOAuth(db, {
          provider,
          providerAccountId: account.providerAccountId,
          email,
          emailVerified,
          name: user.name ?? email ?? '',
        })
        if (!result.ok) return `/signin?error=${SignInError.oauthEmailUnverified}`
        const { id, email: ourEmail, name, sessionVersion } = result.value
        resolved.set(`${provider}:${account.providerAccountId}`, { id, email: ourEmail, name, sessionVersion })
        return true
      },
      async jwt({ token, user, account }) {
        const ours = account?.type === 'oauth' ? resolved.get(`${account.provider}:${account.providerAccountId}`) : user
        if (account?.type === 'oauth') resolved.delete(`${account.provider}:${account.providerAccountId}`)
        if (ours && 'sessionVersion' in ours && typeof ours.sessionVersion === 'number') {
          return {
            ...token,
            ...sessionClaims({
              id: ours.id,
              email: ours.email ?? '',
              name: ours.name ?? '',
              sessionVersion: ours.sessionVersion,
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
