import { and, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db'
import type { BlockMigration } from './plan-migration'
import { type DeploymentStatus, deployments, type EnvironmentName } from './tables'

export type DeploymentView = {
  id: string
  environment: EnvironmentName
  commitId: string
  status: DeploymentStatus
  createdAt: string
  createdBy: string | null
  migration: BlockMigration[]
  schedules: string[]
}

/**
 * A project's deployments (optionally of one environment), grouped by environment (development first), each
 * environment's active deployment first, then newest first. The definitions they pinned are not included.
 */
export async function listDeployments(
  db: Db,
  filter: { projectId: string; environment?: string; limit?: number },
): Promise<DeploymentView[]> {
  const where: SQL[] = [eq(deployments.projectId, filter.projectId)]
  if (filter.environment) where.push(eq(deployments.environment, filter.environment as EnvironmentName))
  const rows = await db
    .select({
      id: deployments.id,
      environment: deployments.environment,
      commitId: deployments.commitId,
      status: deployments.status,
      createdAt: deployments.createdAt,
      createdBy: deployments.createdBy,
      migration: deployments.migration,
      registrations: deployments.registrations,
    })
    .from(deployments)
    .where(and(...where))
    .orderBy(
      deployments.environment,
      sql`case when ${deployments.status} = 'active' then 0 else 1 end`,
      desc(deployments.createdAt),
    )
    .limit(Math.min(filter.limit ?? 100, 500))
  return rows.map((row) => ({
    id: row.id,
    environment: row.environment,
    commitId: row.commitId,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    migration: (row.migration as { blocks?: BlockMigration[] }).blocks ?? [],
    schedules: (row.registrations as { schedules?: string[] }).schedules ?? [],
  }))
}
