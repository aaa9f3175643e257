import { and, eq } from 'drizzle-orm'
import { zipSync } from 'fflate'
import { blobs, commitFiles, commits, type Db } from '../../db'

const utf8 = new TextDecoder('utf-8', { fatal: false })

/** The files of one commit, `{ path: text }` sorted by path; null when the project has no such commit. */
export async function getCommitFiles(
  db: Db,
  input: { projectId: string; commitId: string },
): Promise<Record<string, string> | null> {
  const [commit] = await db
    .select({ id: commits.id })
    .from(commits)
    .where(and(eq(commits.id, input.commitId), eq(commits.projectId, input.projectId)))
  if (!commit) return null
  const rows = await db
    .select({ path: commitFiles.path, bytes: blobs.bytes })
    .from(commitFiles)
    .innerJoin(blobs, eq(blobs.sha256, commitFiles.sha256))
    .where(eq(commitFiles.commitId, commit.id))
  rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return Object.fromEntries(rows.map((r) => [r.path, utf8.decode(r.bytes)]))
}

/** The Yjs state a commit was exported from; null when the project has no such commit. */
export async function getCommitYjsState(
  db: Db,
  input: { projectId: string; commitId: string },
): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ state: commits.yjsState })
    .from(commits)
    .where(and(eq(commits.id, input.commitId), eq(commits.projectId, input.projectId)))
  return row?.state ?? null
}

/**
 * A commit as a `.zip`: its files at the archive root (so unzipping into a folder gives the project folder, and the
 * archive imports back as it is), entries sorted by path, every entry dated at the commit time: the same commit
 * always gives the same bytes. Null when the project has no such commit.
 */
export async function commitZip(db: Db, input: { projectId: string; commitId: string }): Promise<Uint8Array | null> {
  const [commit] = await db
    .select({ createdAt: commits.createdAt })
    .from(commits)
    .where(and(eq(commits.id, input.commitId), eq(commits.projectId, input.projectId)))
  if (!commit) return null
  const files = await getCommitFiles(db, input)
  if (!files) return null
  const encoder = new TextEncoder()
  // Zip dates are local-time DOS dates from 1980 on; clamp so an odd clock cannot make fflate throw.
  const mtime = Math.max(+commit.createdAt, Date.UTC(1980, 0, 2))
  const entries: Record<string, [Uint8Array, { mtime: number }]> = {}
  for (const path of Object.keys(files)) entries[path] = [encoder.encode(files[path] ?? ''), { mtime }]
  return zipSync(entries, { level: 6 })
}
