import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { type OrgRole, organizations, projects, users } from './schema'

// The web app's own tables (accounts issue 4): two-factor, OAuth links, organization invitations. Kept apart from
// schema.ts (the collab/commits data) so the two areas evolve without touching each other's file.

/**
 * One TOTP enrolment per user. `confirmedAt` null = enrolment started but not confirmed with a code (sign-in does
 * not ask for a code yet). `lastStep` is the last accepted 30-second step: a code is accepted once (RFC 6238 §5.2).
 */
export const twoFactorSecrets = pgTable('two_factor_secrets', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** base32 (RFC 4648) of 20 random bytes, as shown to the user. */
  secret: text('secret').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastStep: integer('last_step'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Single-use recovery codes, sha256 (hex) only; the codes are shown once at confirmation. */
export const twoFactorRecoveryCodes = pgTable(
  'two_factor_recovery_codes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
)

/** A GitHub / Google account linked to one of our users (by verified email at first sign-in). */
export const oauthAccounts = pgTable(
  'oauth_accounts',
  {
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('oauth_accounts_user_idx').on(t.userId)],
)

/**
 * An invitation of an email address into an organization. The token (in the invite link) is stored as sha256 only.
 * Accepted by a signed-in user with that email; revoked or accepted rows are kept for the record.
 */
export const organizationInvitations = pgTable(
  'organization_invitations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Normalized like users.email. */
    email: text('email').notNull(),
    role: text('role').$type<OrgRole>().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('organization_invitations_token_hash_unique').on(t.tokenHash),
    index('organization_invitations_org_idx').on(t.orgId),
    check('organization_invitations_role_check', sql`${t.role} in ('owner', 'admin', 'member')`),
  ],
)

/**
 * API tokens: a user's bearer credentials for the HTTP API (scripts, CI, the run endpoint). The token is shown
 * once and stored as sha256 only; `prefix` (the first characters) is what lists show. A token acts as its user with
 * the user's current project roles; `projectId` set = usable only on that project's routes. Revoked rows are kept.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
)
