import { eq, sql } from 'drizzle-orm'
import { hashPassword, type ScryptParams, verifyPassword } from '../../auth'
import type { Db } from '../../db'
import { IdPrefix, newId, organizationMembers, organizations, users } from '../../db'
import { AccountErrorCode, type AccountResult, fail, ok } from './account-result'

export type User = typeof users.$inferSelect
/** What may leave the service: never the password hash. */
export type PublicUser = Omit<User, 'passwordHash'>

export const minPasswordLength = 8

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

function publicUser(user: User): PublicUser {
  const { passwordHash: _hidden, ...rest } = user
  return rest
}

/**
 * Creates a user with their personal organization (they are its owner), in one transaction. Without a password
 * the account can only sign in another way (OAuth, later). Refuses taken or malformed emails and short passwords.
 */
export async function createUser(
  db: Db,
  input: { email: string; name: string; password?: string; scrypt?: ScryptParams },
): Promise<AccountResult<PublicUser>> {
  const email = normalizeEmail(input.email)
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return fail(AccountErrorCode.invalidEmail, `"${input.email}" is not an email`)
  if (input.password !== undefined && input.password.length < minPasswordLength) {
    return fail(AccountErrorCode.weakPassword, `a password needs at least ${minPasswordLength} characters`)
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password, input.scrypt)
  const name = input.name.trim() || email
  return db
    .transaction(async (tx) => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email))
      if (taken) return fail<PublicUser>(AccountErrorCode.emailTaken, `${email} already has an account`)
      const orgId = newId(IdPrefix.organization)
      const userId = newId(IdPrefix.user)
      await tx.insert(organizations).values({ id: orgId, name, personal: true })
      const [user] = await tx
        .insert(users)
        .values({ id: userId, email, name, passwordHash, personalOrgId: orgId })
        .onConflictDoNothing({ target: users.email })
        .returning()
      // A concurrent sign-up with the same email won the unique index between our check and insert.
      if (!user) throw new EmailRaceError()
      await tx.insert(organizationMembers).values({ orgId, userId, role: 'owner' })
      return ok(publicUser(user))
    })
    .catch((err: unknown) => {
      if (err instanceof EmailRaceError)
        return fail<PublicUser>(AccountErrorCode.emailTaken, `${email} already has an account`)
      throw err
    })
}

class EmailRaceError extends Error {}

export async function getUserById(db: Db, userId: string): Promise<PublicUser | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId))
  return user ? publicUser(user) : null
}

export async function getUserByEmail(db: Db, email: string): Promise<PublicUser | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
  return user ? publicUser(user) : null
}

/** The credentials check behind next-auth's Credentials provider. Null for unknown email or wrong password. */
export async function authenticateUser(db: Db, input: { email: string; password: string }): Promise<PublicUser | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(input.email)))
  if (!user?.passwordHash) return null
  return (await verifyPassword(input.password, user.passwordHash)) ? publicUser(user) : null
}

/**
 * Invalidates every session of the user, web and collab (live collab connections close within seconds).
 * Returns the new version.
 */
export async function bumpSessionVersion(db: Db, userId: string): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion })
  return row?.sessionVersion ?? null
}

/** "Sign out everywhere". */
export const signOutEverywhere = bumpSessionVersion

/** Sets a new password and bumps the session version in the same statement: other sessions end. */
export async function changePassword(
  db: Db,
  input: { userId: string; newPassword: string; scrypt?: ScryptParams },
): Promise<AccountResult<{ sessionVersion: number }>> {
  if (input.newPassword.length < minPasswordLength) {
    return fail(AccountErrorCode.weakPassword, `a password needs at least ${minPasswordLength} characters`)
  }
  const passwordHash = await hashPassword(input.newPassword, input.scrypt)
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, input.userId))
    .returning({ sessionVersion: users.sessionVersion })
  return row ? ok(row) : fail(AccountErrorCode.notFound, `no user ${input.userId}`)
}
