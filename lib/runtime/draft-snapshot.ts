import { and, desc, eq, notInArray } from 'drizzle-orm'
import type { Db } from '../db'
import { newId } from '../db'
import { projectIdentity } from '../formats'
import { storeBlobs, workingCopyFiles } from '../service/commits'
import { validateProject } from '../validation'
import { type Definitions, definitionsFromFiles } from './definitions'
import type { RuntimeFailure } from './runtime-context'
import { draftSnapshotFiles, draftSnapshots } from './tables'

export type DraftSnapshot = { id: string; definitions: Definitions }

/** A validated, not yet stored draft: `store()` writes it (once the run it is for passed its own checks). */
export type PreparedDraftSnapshot = DraftSnapshot & { store(): Promise<void> }

type DraftResult<T> = { ok: true; snapshot: T } | { ok: false; error: RuntimeFailure }

/**
 * Freezes the project's working copy for an editor test run (DESIGN §6): exports the design document from the
 * durable log, validates it (specs included) and refuses an invalid one with every located problem
 * (`invalid-design`), then stores its files like a commit — content-addressed blobs shared with commits — in the
 * draft tables, which history, head and diff never read. Returns the snapshot id (`drf_…`, the test run's commit
 * id) and its executable definitions.
 */
export async function createDraftSnapshot(
  db: Db,
  input: { projectId: string; createdBy: string | null },
): Promise<DraftResult<DraftSnapshot>> {
  const prepared = await prepareDraftSnapshot(db, input)
  if (!prepared.ok) return prepared
  await prepared.snapshot.store()
  return { ok: true, snapshot: { id: prepared.snapshot.id, definitions: prepared.snapshot.definitions } }
}

/** createDraftSnapshot in two steps: export and validate now, store when `store()` is called. */
export async function prepareDraftSnapshot(
  db: Db,
  input: { projectId: string; createdBy: string | null },
): Promise<DraftResult<PreparedDraftSnapshot>> {
  const files = await workingCopyFiles(db, input.projectId)
  const { problems } = await validateProject(files)
  const errors = problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) {
    return {
      ok: false,
      error: {
        code: 'invalid-design',
        message: `the working copy has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them to run it`,
        problems,
      },
    }
  }
  const identity = await projectIdentity(files)
  const id = newId('drf')
  const store = () =>
    db.transaction(async (tx) => {
      const shas = await storeBlobs(tx, files)
      await tx.insert(draftSnapshots).values({
        id,
        projectId: input.projectId,
        createdBy: input.createdBy,
        projectIdentity: identity,
      })
      const paths = Object.keys(shas).sort()
      for (let i = 0; i < paths.length; i += 500) {
        await tx
          .insert(draftSnapshotFiles)
          .values(paths.slice(i, i + 500).map((path) => ({ snapshotId: id, path, sha256: shas[path] ?? '' })))
      }
      await pruneDraftSnapshots(tx, input.projectId)
    })
  return { ok: true, snapshot: { id, definitions: definitionsFromFiles(files), store } }
}

/** How many test-run drafts a project keeps (newest first); older ones go when a new one is stored. */
export const draftSnapshotsKept = 50

/**
 * Deletes a project's draft snapshots beyond the newest `keep` (their file rows go with them; blobs stay, they are
 * shared with commits and other drafts). Drafts are the record of test runs, never read to run anything: a run
 * carries its definitions, so a running test run is not affected.
 */
export async function pruneDraftSnapshots(db: Db, projectId: string, keep = draftSnapshotsKept): Promise<number> {
  const newest = db
    .select({ id: draftSnapshots.id })
    .from(draftSnapshots)
    .where(eq(draftSnapshots.projectId, projectId))
    .orderBy(desc(draftSnapshots.createdAt), desc(draftSnapshots.id))
    .limit(keep)
  const removed = await db
    .delete(draftSnapshots)
    .where(and(eq(draftSnapshots.projectId, projectId), notInArray(draftSnapshots.id, newest)))
    .returning({ id: draftSnapshots.id })
  return removed.length
}
