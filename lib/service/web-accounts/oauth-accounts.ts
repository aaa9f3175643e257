import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db'
import { oauthAccounts } from '../../db/web-schema'
import { createUser, getUserByEmail, getUserById, type PublicUser } from '../accounts'
import { fail, fromAccountError, ok, WebAccountErrorCode, type WebAccountResult } from './web-account-result'

export const OAuthProvider = { github: 'github', google: 'google' } as const
export type OAuthProvider = (typeof OAuthProvider)[keyof typeof OAuthProvider]

/**
 * The user behind a GitHub / Google sign-in. A known (provider, account id) signs in its linked user. Otherwise the
 * provider must vouch for the email (verified): it links to our user with that email, or creates one (no password,
 * personal organization) — an unverified email could take over someone else's account, so it is refused.
 */
export async function signInWithOAuth(
  db: Db,
  input: {
    provider: OAuthProvider
    providerAccountId: string
    email: string | null
    emailVerified: boolean
    name: string
  },
): Promise<WebAccountResult<PublicUser & { created: boolean }>> {
  const [linked] = await db
    .select({ userId: oauthAccounts.userId })
    .from(oauthAccounts)
    .where(
      and(eq(oauthAccounts.provider, input.provider), eq(oauthAccounts.providerAccountId, input.providerAccountId)),
    )
  if (linked) {
    const user = await getUserById(db, linked.userId)
    if (user) return ok({ ...user, created: false })
  }
  if (!input.email || !input.emailVerified) {
    return fail(WebAccountErrorCode.emailUnverified, `your ${input.provider} account has no verified email address`)
  }
  let user = await getUserByEmail(db, input.email)
  let created = false
  if (!user) {
    const result = await createUser(db, { email: input.email, name: input.name })
    if (!result.ok) {
      // A concurrent first sign-in created it between our read and insert.
      user = await getUserByEmail(db, input.email)
      if (!user) return fromAccountError(result.error)
    } else {
      user = result.value
      created = true
    }
  }
  await db
    .insert(oauthAccounts)
    .values({ provider: input.provider, providerAccountId: input.providerAccountId, userId: user.id })
    .onConflictDoNothing()
  return ok({ ...user, created })
}

export async function listOAuthAccounts(db: Db, userId: string): Promise<Array<{ provider: string }>> {
  return db.select({ provider: oauthAccounts.provider }).from(oauthAccounts).where(eq(oauthAccounts.userId, userId))
}
