import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../db'
import { blobs, commitFiles } from '../db'
import type { DatabaseFile, DefinitionBundle, ProcessFile, QueueFile } from '../interpreter'
import { deployments } from './tables'

/** The executable part of a commit, by name. */
export type Definitions = {
  processes: Record<string, ProcessFile>
  databases: Record<string, DatabaseFile>
  queues: Record<string, QueueFile>
}

/** Reads a commit's process, database and queue files (content-addressed blobs) into definitions by name. */
export async function loadCommitDefinitions(db: Db, commitId: string): Promise<Definitions> {
  const rows = await db
    .select({ path: commitFiles.path, bytes: blobs.bytes })
    .from(commitFiles)
    .innerJoin(blobs, eq(blobs.sha256, commitFiles.sha256))
    .where(eq(commitFiles.commitId, commitId))
  const decoder = new TextDecoder()
  return definitionsFromFiles(Object.fromEntries(rows.map((row) => [row.path, decoder.decode(row.bytes)])))
}

/** The executable part of a project's files (path → text): process, database and queue files by name. Pure. */
export function definitionsFromFiles(files: Readonly<Record<string, string>>): Definitions {
  const out: Definitions = { processes: {}, databases: {}, queues: {} }
  for (const [path, text] of Object.entries(files)) {
    if (/^processes\/.+\.process\.json$/.test(path)) {
      const p = JSON.parse(text) as ProcessFile
      out.processes[p.name] = p
    } else if (/^infra\/databases\/.+\.database\.json$/.test(path)) {
      const d = JSON.parse(text) as DatabaseFile
      out.databases[d.name] = d
    } else if (/^infra\/queues\/.+\.queue\.json$/.test(path)) {
      const q = JSON.parse(text) as QueueFile
      out.queues[q.name] = q
    }
  }
  return out
}

export type ActiveDeployment = { id: string; commitId: string; definitions: Definitions }

/** The deployment new runs of an environment use (DESIGN §6 pinning), or undefined. */
export async function activeDeployment(
  db: Db,
  projectId: string,
  environment: string,
): Promise<ActiveDeployment | undefined> {
  const rows = await db
    .select({ id: deployments.id, commitId: deployments.commitId, definitions: deployments.definitions })
    .from(deployments)
    .where(
      and(
        eq(deployments.projectId, projectId),
        eq(deployments.environment, environment as 'development'),
        eq(deployments.status, 'active'),
      ),
    )
    .orderBy(desc(deployments.createdAt))
    .limit(1)
  const row = rows[0]
  return row ? { id: row.id, commitId: row.commitId, definitions: row.definitions as Definitions } : undefined
}

/** Finds a process by name or id. */
export function findProcess(definitions: Definitions, ref: string): ProcessFile | undefined {
  return definitions.processes[ref] ?? Object.values(definitions.processes).find((p) => p.id === ref)
}

/** The run bundle of one process of some definitions, pinned. */
export function bundleFor(
  definitions: Definitions,
  process: ProcessFile,
  pin: DefinitionBundle['pin'],
): DefinitionBundle {
  return {
    process,
    processes: definitions.processes,
    databases: definitions.databases,
    queues: definitions.queues,
    pin,
  }
}
