import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { blobs, commits, projects, users } from '../db/schema'

/**
 * Tables of the runtime (DESIGN §6). Defined here, wired into `lib/db` migrations by the data-layer owner.
 * Secret values and binding URLs are stored only as AES-256-GCM ciphertext (`v1.<iv>.<tag>.<data>`, base64url).
 */
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

export const EnvironmentName = { development: 'development', production: 'production' } as const
export type EnvironmentName = (typeof EnvironmentName)[keyof typeof EnvironmentName]

export const environments = pgTable(
  'environments',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').$type<EnvironmentName>().notNull(),
    /** HTTP nodes may reach private, loopback and link-local addresses only when this is on. */
    allowPrivateNetwork: boolean('allow_private_network').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.name] })],
)

export const secrets = pgTable(
  'secrets',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    environment: text('environment').$type<EnvironmentName>().notNull(),
    name: text('name').notNull(),
    ciphertext: text('ciphertext').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.environment, t.name] })],
)

/** Which PostgreSQL a SQL database block runs on, per environment. `managed`: provisioned by Backplane itself. */
export const databaseBindings = pgTable(
  'database_bindings',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    environment: text('environment').$type<EnvironmentName>().notNull(),
    database: text('database').notNull(),
    urlCiphertext: text('url_ciphertext').notNull(),
    managed: boolean('managed').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.environment, t.database] })],
)

export const DeploymentStatus = { active: 'active', superseded: 'superseded' } as const
export type DeploymentStatus = (typeof DeploymentStatus)[keyof typeof DeploymentStatus]

/** One commit put into one environment; the newest active row per environment is what new runs use. */
export const deployments = pgTable(
  'deployments',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    environment: text('environment').$type<EnvironmentName>().notNull(),
    commitId: text('commit_id')
      .notNull()
      .references(() => commits.id, { onDelete: 'restrict' }),
    /** The executable definitions of the commit by name: { processes, databases, queues }. */
    definitions: jsonb('definitions').notNull(),
    /** The applied migration per SQL block: statements, and whether destructive ones were confirmed. */
    migration: jsonb('migration').notNull(),
    /** Schedule ids and queue consumers registered for this deployment (replaced by the next one). */
    registrations: jsonb('registrations').notNull(),
    status: text('status').$type<DeploymentStatus>().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('deployments_project_env_idx').on(t.projectId, t.environment, t.createdAt),
    uniqueIndex('deployments_one_active_per_env').on(t.projectId, t.environment).where(sql`${t.status} = 'active'`),
  ],
)

export const ExecutionStatus = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
} as const
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus]

/** One run (= one interpreter workflow, id = workflow id). Written at start and completed by the trace writer. */
export const executions = pgTable(
  'executions',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    environment: text('environment').notNull(),
    commitId: text('commit_id').notNull(),
    processId: text('process_id').notNull(),
    processName: text('process_name').notNull(),
    status: text('status').$type<ExecutionStatus>().notNull(),
    input: jsonb('input'),
    output: jsonb('output'),
    error: jsonb('error'),
    /** request | schedule | delivery (with message id; replayOf for dead-letter replays) | child. */
    origin: jsonb('origin').notNull(),
    temporalRunId: text('temporal_run_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    index('executions_project_started_idx').on(t.projectId, t.startedAt),
    index('executions_process_started_idx').on(t.projectId, t.processId, t.startedAt),
  ],
)

/** The full trace of an ended run: each node's input, output, error and attempts (keyed by node path). */
export const executionTraces = pgTable('execution_traces', {
  executionId: text('execution_id')
    .primaryKey()
    .references(() => executions.id, { onDelete: 'cascade' }),
  nodes: jsonb('nodes').notNull(),
  createdAt: createdAt(),
})

export const DeadLetterStatus = { dead: 'dead', replayed: 'replayed' } as const
export type DeadLetterStatus = (typeof DeadLetterStatus)[keyof typeof DeadLetterStatus]

/** A delivery that failed after the queue's declared attempts: message, consumer, last error, attempt history. */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    environment: text('environment').notNull(),
    queue: text('queue').notNull(),
    consumer: text('consumer').notNull(),
    messageId: text('message_id').notNull(),
    message: jsonb('message').notNull(),
    /** The commit that published the message (the one its delivery ran on). */
    commitId: text('commit_id').notNull(),
    lastError: jsonb('last_error').notNull(),
    /** [{ attempt, executionId, error, at }] */
    attempts: jsonb('attempts').notNull(),
    status: text('status').$type<DeadLetterStatus>().notNull(),
    /** Set by a replay: which run consumed it again, on which (then deployed) commit. */
    replayExecutionId: text('replay_execution_id'),
    replayCommitId: text('replay_commit_id'),
    replayedAt: timestamp('replayed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('dead_letters_project_created_idx').on(t.projectId, t.createdAt),
    uniqueIndex('dead_letters_delivery_unique').on(t.messageId, t.consumer, t.createdAt),
  ],
)

/**
 * A test run's draft snapshot (DESIGN §6): the working copy's files at the moment an editor ran it, stored like a
 * commit (content-addressed blobs) but in tables of their own, so a draft is never part of history, head or diff.
 * Executions of a test run carry its id (`drf_…`) as their commit id.
 */
export const draftSnapshots = pgTable(
  'draft_snapshots',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** sha256 of the JCS of {path: fileIdentity}, as commits record it. */
    projectIdentity: text('project_identity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('draft_snapshots_project_created_idx').on(t.projectId, t.createdAt)],
)

export const draftSnapshotFiles = pgTable(
  'draft_snapshot_files',
  {
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => draftSnapshots.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.path] })],
)

/** Every runtime table, for migrations (`generateDrizzleJson`) and tests. */
export const runtimeTables = {
  environments,
  secrets,
  databaseBindings,
  deployments,
  executions,
  executionTraces,
  deadLetters,
  draftSnapshots,
  draftSnapshotFiles,
}
