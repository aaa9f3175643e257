import { eq, sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { blobs, commitFiles, commits, type Db, IdPrefix, newId, projects } from '../../db'
import { exportProject } from '../../doc'
import { blobSha256, projectIdentity } from '../../formats'
import { validateProject } from '../../validation'
import { CommitErrorCode, type CommitResult, fail, ok } from './commit-result'
import { type CommitSummary, headCommitId, toSummary } from './list-commits'
import { loadDesignDoc } from './load-design-doc'

const utf8 = new TextEncoder()

/** Stores each file once by the sha256 of its bytes; returns path → sha256. */
export async function storeBlobs(db: Db, files: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const shas: Record<string, string> = {}
  const rows: { sha256: string; bytes: Uint8Array; size: number }[] = []
  const seen = new Set<string>()
  for (const path of Object.keys(files).sort()) {
    const bytes = utf8.encode(files[path] ?? '')
    const sha256 = await blobSha256(bytes)
    shas[path] = sha256
    if (!seen.has(sha256)) {
      seen.add(sha256)
      rows.push({ sha256, bytes, size: bytes.byteLength })
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insert(blobs)
      .values(rows.slice(i, i + 200))
      .onConflictDoNothing()
  }
  return shas
}

/**
 * Commits the project's working copy (DESIGN §5): loads the design document from the durable log, exports it,
 * validates it (specs included) and refuses an invalid design with every located problem (`invalid-design`, a
 * value, not a throw). Otherwise stores the files content-addressed (blobs by sha256 of the raw bytes, shared across
 * commits and projects), and an immutable commit row: parent = the previous head, author, message, project identity
 * (DESIGN §3) and the full Yjs state it was exported from. Commits of one project are serialized (advisory lock), so
 * history stays linear. A commit identical to its parent (same bytes at the same paths) is refused (`no-changes`).
 */
export async function commitProject(
  db: Db,
  input: { projectId: string; authorId: string | null; message: string },
): Promise<CommitResult<CommitSummary>> {
  const message = input.message.trim()
  if (!message) return fail(CommitErrorCode.invalidRequest, 'a commit needs a message')
  const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, input.projectId))
  if (!project) return fail(CommitErrorCode.notFound, `no project ${input.projectId}`)
  const doc = await loadDesignDoc(db, input.projectId)
  const files = exportProject(doc)
  const yjsState = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  const { problems } = await validateProject(files)
  const errors = problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) {
    return fail(
      CommitErrorCode.invalidDesign,
      `the design has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} and commit again`,
      problems,
    )
  }
  const identity = await projectIdentity(files)
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`commit:${input.projectId}`}))`)
    const parentId = await headCommitId(tx, input.projectId)
    const shas = await storeBlobs(tx, files)
    if (parentId) {
      const parentFiles = await tx
        .select({ path: commitFiles.path, sha256: commitFiles.sha256 })
        .from(commitFiles)
        .where(eq(commitFiles.commitId, parentId))
      const same =
        parentFiles.length === Object.keys(shas).length && parentFiles.every((f) => shas[f.path] === f.sha256)
      if (same) return fail(CommitErrorCode.noChanges, 'nothing changed since the last commit')
    }
    const [row] = await tx
      .insert(commits)
      .values({
        id: newId(IdPrefix.commit),
        projectId: input.projectId,
        parentId,
        authorId: input.authorId,
        message,
        projectIdentity: identity,
        yjsState,
        // The wall clock at insert (not the transaction start): commits waiting on the lock stay in order.
        createdAt: sql`clock_timestamp()`,
      })
      .returning()
    if (!row) throw new Error('insert returned no row')
    const paths = Object.keys(shas).sort()
    for (let i = 0; i < paths.length; i += 500) {
      await tx
        .insert(commitFiles)
        .values(paths.slice(i, i + 500).map((path) => ({ commitId: row.id, path, sha256: shas[path] ?? '' })))
    }
    return ok(toSummary(row, paths.length, null))
  })
}
