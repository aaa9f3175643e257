import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * `bytea` as `Uint8Array` on both sides. postgres.js hands back a Node `Buffer` (a Uint8Array subclass); we
 * re-wrap it so callers never depend on Buffer-only methods and PGlite-behind-socket behaves the same.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
})

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** Project roles, strongest first. A closed set: const object + same-named type. */
export const ProjectRole = { owner: 'owner', editor: 'editor', commenter: 'commenter', viewer: 'viewer' } as const
export type ProjectRole = (typeof ProjectRole)[keyof typeof ProjectRole]

export const OrgRole = { owner: 'owner', admin: 'admin', member: 'member' } as const
export type OrgRole = (typeof OrgRole)[keyof typeof OrgRole]

/** The two live documents of a project (DESIGN §2). */
export const DocKind = { design: 'design', discussion: 'discussion' } as const
export type DocKind = (typeof DocKind)[keyof typeof DocKind]

export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Every user owns exactly one personal organization; it cannot gain other members. */
  personal: boolean('personal').notNull().default(false),
  createdAt: createdAt(),
})

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased and trimmed (see normalizeEmail); unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** `scrypt$N$r$p$salt$hash` (base64url); null for accounts that only sign in another way (OAuth, later). */
    passwordHash: text('password_hash'),
    /** Part of every session token; bumping it invalidates all sessions of the user (web and collab). */
    sessionVersion: integer('session_version').notNull().default(1),
    personalOrgId: text('personal_org_id').references(() => organizations.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
)

export const organizationMembers = pgTable(
  'organization_members',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<OrgRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index('organization_members_user_idx').on(t.userId),
    check('organization_members_role_check', sql`${t.role} in ('owner', 'admin', 'member')`),
  ],
)

export const projects = pgTable(
  'projects',
  {
    /** `prj_…`: random, typed, never reused (DESIGN §3). */
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('projects_org_idx').on(t.orgId)],
)

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<ProjectRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index('project_members_user_idx').on(t.userId),
    check('project_members_role_check', sql`${t.role} in ('owner', 'editor', 'commenter', 'viewer')`),
  ],
)

export const shareLinks = pgTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** sha256 (hex) of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    canComment: boolean('can_comment').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('share_links_token_hash_unique').on(t.tokenHash),
    index('share_links_project_idx').on(t.projectId),
  ],
)

/**
 * The durable Yjs update log: one row per accepted update, appended before the update is acknowledged.
 * `seq` orders rows globally; compaction folds rows into `yjs_snapshots` and deletes exactly those rows.
 */
export const yjsUpdates = pgTable(
  'yjs_updates',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    doc: text('doc').$type<DocKind>().notNull(),
    update: bytea('update').notNull(),
    /** Null for share-link and service writers. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    connectionId: text('connection_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('yjs_updates_project_doc_seq_idx').on(t.projectId, t.doc, t.seq),
    check('yjs_updates_doc_check', sql`${t.doc} in ('design', 'discussion')`),
  ],
)

/** One compacted state per document: everything logged up to `upto_seq` that was folded in. */
export const yjsSnapshots = pgTable(
  'yjs_snapshots',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    doc: text('doc').$type<DocKind>().notNull(),
    uptoSeq: bigint('upto_seq', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.doc] }),
    check('yjs_snapshots_doc_check', sql`${t.doc} in ('design', 'discussion')`),
  ],
)

/** Content-addressed file contents: sha256 (hex) of the raw bytes. Shared by all commits of all projects. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  createdAt: createdAt(),
})

/** An immutable version of a project (DESIGN §5). Rows are never updated. */
export const commits = pgTable(
  'commits',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    parentId: text('parent_id'),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    message: text('message').notNull(),
    /** sha256 of the JCS of {path: fileIdentity} over all files but canvas.json (DESIGN §3). */
    projectIdentity: text('project_identity').notNull(),
    /** The full Yjs state of the design document the commit was exported from. */
    yjsState: bytea('yjs_state').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('commits_project_created_idx').on(t.projectId, t.createdAt),
    index('commits_parent_idx').on(t.parentId),
    // Same project is enforced by the service layer; the FK keeps history acyclic-by-construction (parent exists first).
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'commits_parent_fk' }).onDelete('cascade'),
  ],
)

export const commitFiles = pgTable(
  'commit_files',
  {
    commitId: text('commit_id')
      .notNull()
      .references(() => commits.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.commitId, t.path] }), index('commit_files_sha256_idx').on(t.sha256)],
)
