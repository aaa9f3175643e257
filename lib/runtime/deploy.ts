import { ScheduleNotFoundError, type ScheduleOverlapPolicy } from '@temporalio/client'
import { and, eq } from 'drizzle-orm'
import postgres from 'postgres'
import { commitFiles, commits, newId } from '../db'
import type { ProcessFile, ScheduleTrigger } from '../interpreter'
import { durationMs } from '../interpreter'
import { activeDeployment, bundleFor, type Definitions, loadCommitDefinitions } from './definitions'
import { type DeploymentNote, deploymentNotes } from './deployment-notes'
import { type BlockMigration, emptyCatalogue, planMigration, planMigrationFrom } from './plan-migration'
import type { RuntimeContext, RuntimeFailure } from './runtime-context'
import { readDatabaseUrl, setDatabaseBinding } from './secrets'
import { deployments } from './tables'
import { validateDefinitions } from './validate-definitions'
import { INTERPRET_PROCESS } from './workflow-contract'

export type DeployRequest = {
  projectId: string
  environment: string
  commitId: string
  /** The commit's definitions; read from its stored files when absent. */
  definitions?: Definitions
  /** Apply destructive migration steps too (dropped tables/columns, type changes). */
  confirmDestructive?: boolean
  /** Only show the migration; change nothing. */
  dryRun?: boolean
  /**
   * Gives an unbound SQL block its own database (npm start: one database per block on the embedded server, never
   * Backplane's own); without it an unbound block refuses the deployment.
   */
  provisionDatabase?(block: string): Promise<string>
  createdBy?: string
}

export type DeployResult =
  | {
      ok: true
      deploymentId: string | undefined
      migration: BlockMigration[]
      schedules: string[]
      applied: boolean
      /** What is validated but not executable yet (non-SQL blocks, API specs). */
      notes: DeploymentNote[]
    }
  | { ok: false; error: RuntimeFailure; migration?: BlockMigration[] }

const overlap: Record<ScheduleTrigger['overlap'], ScheduleOverlapPolicy> = {
  skip: 'SKIP',
  'buffer-one': 'BUFFER_ONE',
  'buffer-all': 'BUFFER_ALL',
  'cancel-other': 'CANCEL_OTHER',
  'terminate-other': 'TERMINATE_OTHER',
  'allow-all': 'ALLOW_ALL',
}

export function scheduleId(projectId: string, environment: string, process: string): string {
  return `schedule/${projectId}/${environment}/${process}`
}

/**
 * Puts a valid commit into an environment: validates it (located problems), shows and applies each SQL block's
 * migration (additive at once, destructive only when confirmed), registers its schedules as Temporal Schedules
 * (replacing the previous deployment's cleanly) and makes it the environment's active deployment. Runs already
 * started keep their own commit (they carry their definitions).
 */
export async function deploy(ctx: RuntimeContext, request: DeployRequest): Promise<DeployResult> {
  const [commit] = await ctx.db
    .select({ id: commits.id })
    .from(commits)
    .where(and(eq(commits.id, request.commitId), eq(commits.projectId, request.projectId)))
  if (!commit)
    return { ok: false, error: { code: 'not-found', message: `no commit ${request.commitId} in this project` } }
  const definitions = request.definitions ?? (await loadCommitDefinitions(ctx.db, request.commitId))
  const problems = validateDefinitions(definitions)
  if (problems.length) {
    return {
      ok: false,
      error: {
        code: 'invalid-definition',
        message: `the commit cannot be deployed: ${problems.length} problem(s)`,
        problems,
      },
    }
  }
  const scope = { projectId: request.projectId, environment: request.environment }
  const migration: BlockMigration[] = []
  const urls = new Map<string, string>()
  for (const block of Object.values(definitions.databases)) {
    if (block.type !== 'sql') continue
    let url = await readDatabaseUrl(ctx.db, ctx.key, scope, block.name)
    if (!url && request.provisionDatabase && !request.dryRun) {
      url = await request.provisionDatabase(block.name)
      await setDatabaseBinding(ctx.db, ctx.key, scope, block.name, url, { managed: true })
    }
    if (!url) {
      // A dry run shows what the first deployment will create in the block's own (not yet provisioned) database.
      if (request.dryRun && request.provisionDatabase) {
        migration.push(planMigrationFrom(emptyCatalogue(), block))
        continue
      }
      if (request.dryRun) continue
      return {
        ok: false,
        error: { code: 'not-deployed', message: `database ${block.name} has no binding in ${request.environment}` },
      }
    }
    urls.set(block.name, url)
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      migration.push(await planMigration(sql, block))
    } finally {
      await sql.end()
    }
  }
  const destructive = migration.some((m) => m.steps.some((s) => s.destructive))
  const paths = await ctx.db
    .select({ path: commitFiles.path })
    .from(commitFiles)
    .where(eq(commitFiles.commitId, request.commitId))
  const notes = deploymentNotes(
    definitions,
    paths.map((p) => p.path),
  )
  if (request.dryRun) return { ok: true, deploymentId: undefined, migration, schedules: [], applied: false, notes }
  if (destructive && !request.confirmDestructive) {
    return {
      ok: false,
      migration,
      error: {
        code: 'needs-confirmation',
        message: 'the migration has destructive steps: confirm them to deploy',
        details: { migration },
      },
    }
  }
  for (const m of migration) {
    if (m.steps.length === 0) continue
    const sql = postgres(urls.get(m.database) as string, { max: 1, onnotice: () => {} })
    try {
      await sql.begin(async (tx) => {
        for (const step of m.steps) await tx.unsafe(step.sql)
      })
    } finally {
      await sql.end()
    }
  }
  const previous = await activeDeployment(ctx.db, request.projectId, request.environment)
  const previousSchedules = previous ? ((await registrationsOf(ctx, previous.id)).schedules ?? []) : []
  const schedules: string[] = []
  for (const p of Object.values(definitions.processes)) {
    if (p.execution.trigger.kind !== 'schedule') continue
    schedules.push(await registerSchedule(ctx, request, definitions, p))
  }
  for (const id of previousSchedules) {
    if (schedules.includes(id)) continue
    try {
      await ctx.temporal.schedule.getHandle(id).delete()
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error
    }
  }
  const deploymentId = newId('dep')
  const consumers = Object.values(definitions.queues).flatMap((q) =>
    Object.keys(q.consumers).map((c) => `${q.name}/${c}`),
  )
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(deployments)
      .set({ status: 'superseded' })
      .where(
        and(
          eq(deployments.projectId, request.projectId),
          eq(deployments.environment, request.environment as 'development'),
          eq(deployments.status, 'active'),
        ),
      )
    await tx.insert(deployments).values({
      id: deploymentId,
      projectId: request.projectId,
      environment: request.environment as 'development',
      commitId: request.commitId,
      definitions,
      migration: { blocks: migration, confirmedDestructive: destructive },
      registrations: { schedules, consumers },
      status: 'active',
      createdBy: request.createdBy ?? null,
    })
  })
  return { ok: true, deploymentId, migration, schedules, applied: true, notes }
}

async function registrationsOf(ctx: RuntimeContext, deploymentId: string): Promise<{ schedules?: string[] }> {
  const [row] = await ctx.db
    .select({ r: deployments.registrations })
    .from(deployments)
    .where(eq(deployments.id, deploymentId))
  return (row?.r as { schedules?: string[] } | undefined) ?? {}
}

async function registerSchedule(
  ctx: RuntimeContext,
  request: DeployRequest,
  definitions: Definitions,
  p: ProcessFile,
): Promise<string> {
  const trigger = p.execution.trigger
  if (trigger.kind !== 'schedule') throw new Error(`${p.name} is not scheduled`)
  const id = scheduleId(request.projectId, request.environment, p.name)
  const pin = { projectId: request.projectId, commitId: request.commitId, environment: request.environment }
  const options = {
    scheduleId: id,
    spec: {
      ...(trigger.cron ? { cronExpressions: [trigger.cron] } : {}),
      ...(trigger.interval ? { intervals: [{ every: durationMs(trigger.interval) }] } : {}),
      timezone: trigger.timeZone,
    },
    action: {
      type: 'startWorkflow' as const,
      workflowType: INTERPRET_PROCESS,
      workflowId: `run_sched_${request.projectId}_${request.environment}_${p.name}`,
      taskQueue: ctx.taskQueue,
      args: [{ bundle: bundleFor(definitions, p, pin), input: {}, origin: { kind: 'schedule', scheduleId: id } }],
      workflowExecutionTimeout: durationMs(p.execution.timeout),
    },
    policies: { overlap: overlap[trigger.overlap] },
  }
  // A later deployment replaces the schedule cleanly: same id, new spec and new pinned definitions.
  try {
    await ctx.temporal.schedule.getHandle(id).delete()
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error
  }
  await ctx.temporal.schedule.create(options)
  return id
}
