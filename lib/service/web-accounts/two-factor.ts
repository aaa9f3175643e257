import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db'
import { twoFactorRecoveryCodes, twoFactorSecrets } from '../../db/web-schema'
import { base32Encode, matchTotp, otpauthUri } from './totp'
import { fail, ok, WebAccountErrorCode, type WebAccountResult } from './web-account-result'

export const recoveryCodeCount = 10
export const twoFactorIssuer = 'Backplane'

export interface TwoFactorStatus {
  /** Sign-in asks for a code. */
  enabled: boolean
  /** Enrolment started, not yet confirmed with a code. */
  pending: boolean
  /** Unused recovery codes left (0 when not enabled). */
  recoveryCodesLeft: number
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex')
}

/** Recovery codes are typed by people: case, spaces and dashes do not matter. */
function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase()
}

/** `xxxxx-xxxxx` of base32 characters (50 random bits each: enough for a single-use, rate-limited code). */
function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase()
  return `${raw.slice(0, 5)}-${raw.slice(5)}`
}

export async function getTwoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
  const [row] = await db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.userId, userId))
  if (!row) return { enabled: false, pending: false, recoveryCodesLeft: 0 }
  const left = row.confirmedAt
    ? (
        await db
          .select({ codeHash: twoFactorRecoveryCodes.codeHash })
          .from(twoFactorRecoveryCodes)
          .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)))
      ).length
    : 0
  return { enabled: row.confirmedAt !== null, pending: row.confirmedAt === null, recoveryCodesLeft: left }
}

/**
 * Starts (or restarts) enrolment: a new random 160-bit secret, shown as base32 and as an otpauth URI for the
 * authenticator app. Nothing changes at sign-in until `confirmTwoFactor`. Refused while two-factor is on.
 */
export async function startTwoFactorEnrollment(
  db: Db,
  input: { userId: string; account: string },
): Promise<WebAccountResult<{ secret: string; uri: string }>> {
  const status = await getTwoFactorStatus(db, input.userId)
  if (status.enabled) return fail(WebAccountErrorCode.twoFactorAlreadyEnabled, 'two-factor sign-in is already on')
  const secret = base32Encode(randomBytes(20))
  await db
    .insert(twoFactorSecrets)
    .values({ userId: input.userId, secret })
    .onConflictDoUpdate({ target: twoFactorSecrets.userId, set: { secret, confirmedAt: null, lastStep: null } })
  return ok({ secret, uri: otpauthUri({ secret, account: input.account, issuer: twoFactorIssuer }) })
}

/**
 * Confirms enrolment with a current code: two-factor is on from now, and the recovery codes are returned — the
 * only time they exist in clear; only their sha256 is stored.
 */
export async function confirmTwoFactor(
  db: Db,
  input: { userId: string; code: string; now?: Date },
): Promise<WebAccountResult<{ recoveryCodes: string[] }>> {
  const [row] = await db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.userId, input.userId))
  if (!row) return fail(WebAccountErrorCode.twoFactorNotEnabled, 'start two-factor enrolment first')
  if (row.confirmedAt) return fail(WebAccountErrorCode.twoFactorAlreadyEnabled, 'two-factor sign-in is already on')
  const now = input.now ?? new Date()
  const step = matchTotp({ secret: row.secret, code: input.code, now })
  if (step === null) return fail(WebAccountErrorCode.invalidCode, 'that code is not the current one; try the next')
  const recoveryCodes = Array.from({ length: recoveryCodeCount }, newRecoveryCode)
  await db.transaction(async (tx) => {
    await tx
      .update(twoFactorSecrets)
      .set({ confirmedAt: now, lastStep: step })
      .where(eq(twoFactorSecrets.userId, input.userId))
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, input.userId))
    await tx
      .insert(twoFactorRecoveryCodes)
      .values(recoveryCodes.map((code) => ({ userId: input.userId, codeHash: hashRecoveryCode(code) })))
  })
  return ok({ recoveryCodes })
}

/**
 * The second factor at sign-in (or before disabling): a current TOTP code not used before, or an unused recovery
 * code (then spent). `{ required: false }` when the user has no confirmed two-factor.
 */
export async function verifySecondFactor(
  db: Db,
  input: { userId: string; code: string; now?: Date },
): Promise<{ ok: true; required: boolean; used?: 'totp' | 'recovery-code' } | { ok: false }> {
  const [row] = await db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.userId, input.userId))
  if (!row?.confirmedAt) return { ok: true, required: false }
  const code = input.code.trim()
  if (!code) return { ok: false }
  const step = matchTotp({ secret: row.secret, code, now: input.now ?? new Date(), afterStep: row.lastStep })
  if (step !== null) {
    // Conditional update: of two concurrent sign-ins with the same code, one wins.
    const [won] = await db
      .update(twoFactorSecrets)
      .set({ lastStep: step })
      .where(
        and(
          eq(twoFactorSecrets.userId, input.userId),
          row.lastStep === null ? isNull(twoFactorSecrets.lastStep) : eq(twoFactorSecrets.lastStep, row.lastStep),
        ),
      )
      .returning({ userId: twoFactorSecrets.userId })
    return won ? { ok: true, required: true, used: 'totp' } : { ok: false }
  }
  const [spent] = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: input.now ?? new Date() })
    .where(
      and(
        eq(twoFactorRecoveryCodes.userId, input.userId),
        eq(twoFactorRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ userId: twoFactorRecoveryCodes.userId })
  return spent ? { ok: true, required: true, used: 'recovery-code' } : { ok: false }
}

/** Whether sign-in must ask this user for a code. */
export async function isTwoFactorRequired(db: Db, userId: string): Promise<boolean> {
  return (await getTwoFactorStatus(db, userId)).enabled
}

/** Turns two-factor off; needs a current code or a recovery code (a stolen session alone cannot). */
export async function disableTwoFactor(
  db: Db,
  input: { userId: string; code: string; now?: Date },
): Promise<WebAccountResult<true>> {
  if (!(await isTwoFactorRequired(db, input.userId))) {
    // A pending enrolment is simply dropped.
    await db.delete(twoFactorSecrets).where(eq(twoFactorSecrets.userId, input.userId))
    return fail(WebAccountErrorCode.twoFactorNotEnabled, 'two-factor sign-in is not on')
  }
  const check = await verifySecondFactor(db, input)
  if (!check.ok) return fail(WebAccountErrorCode.invalidCode, 'that code is not valid')
  await db.transaction(async (tx) => {
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, input.userId))
    await tx.delete(twoFactorSecrets).where(eq(twoFactorSecrets.userId, input.userId))
  })
  return ok(true)
}
