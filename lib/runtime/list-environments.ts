import { asc, eq } from 'drizzle-orm'
import type { Db } from '../db'
import { activeDeployment } from './definitions'
import { ensureEnvironments, listDatabaseBindings, listSecretNames } from './secrets'
import { type EnvironmentName, environments } from './tables'

export type EnvironmentView = {
  name: EnvironmentName
  allowPrivateNetwork: boolean
  activeDeployment: { id: string; commitId: string } | null
  /** Names only: a secret's value is never returned. */
  secrets: { name: string; updatedAt: string }[]
  /** Which blocks are bound (and whether Backplane manages the database); never the URL. */
  bindings: { database: string; managed: boolean }[]
}

/** A project's environments (created when missing), development first, without any secret value or binding URL. */
export async function listEnvironments(db: Db, projectId: string): Promise<EnvironmentView[]> {
  await ensureEnvironments(db, projectId)
  const rows = await db
    .select({ name: environments.name, allowPrivateNetwork: environments.allowPrivateNetwork })
    .from(environments)
    .where(eq(environments.projectId, projectId))
    .orderBy(asc(environments.name))
  const out: EnvironmentView[] = []
  for (const row of rows) {
    const scope = { projectId, environment: row.name }
    const active = await activeDeployment(db, projectId, row.name)
    out.push({
      name: row.name,
      allowPrivateNetwork: row.allowPrivateNetwork,
      activeDeployment: active ? { id: active.id, commitId: active.commitId } : null,
      secrets: (await listSecretNames(db, scope)).map((s) => ({ name: s.name, updatedAt: s.updatedAt.toISOString() })),
      bindings: await listDatabaseBindings(db, scope),
    })
  }
  return out
}
