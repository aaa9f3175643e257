import { and, count, eq, inArray } from 'drizzle-orm'
import { commitFiles, commits, type Db, users } from '../../db'

export interface CommitSummary {
  id: string
  projectId: string
  parentId: string | null
  authorId: string | null
  /** The author's name (or email) at read time; null when the author was removed. */
  authorName: string | null
  message: string
  projectIdentity: string
  createdAt: Date
  fileCount: number
}

type CommitRow = Pick<
  typeof commits.$inferSelect,
  'id' | 'projectId' | 'parentId' | 'authorId' | 'message' | 'projectIdentity' | 'createdAt'
>

export function toSummary(row: CommitRow, fileCount: number, authorName: string | null): CommitSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    parentId: row.parentId,
    authorId: row.authorId,
    authorName,
    message: row.message,
    projectIdentity: row.projectIdentity,
    createdAt: row.createdAt,
    fileCount,
  }
}

const summaryColumns = {
  id: commits.id,
  projectId: commits.projectId,
  parentId: commits.parentId,
  authorId: commits.authorId,
  message: commits.message,
  projectIdentity: commits.projectIdentity,
  createdAt: commits.createdAt,
  authorName: users.name,
  authorEmail: users.email,
}

/** Newest first, following parent links from the head (so order never depends on clock ties). */
export async function listCommits(db: Db, projectId: string): Promise<CommitSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(commits)
    .leftJoin(users, eq(users.id, commits.authorId))
    .where(eq(commits.projectId, projectId))
  if (rows.length === 0) return []
  const counts = await db
    .select({ commitId: commitFiles.commitId, n: count() })
    .from(commitFiles)
    .where(
      inArray(
        commitFiles.commitId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(commitFiles.commitId)
  const fileCount = new Map(counts.map((c) => [c.commitId, Number(c.n)]))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const parents = new Set(rows.map((r) => r.parentId).filter((p): p is string => p !== null))
  const heads = rows.filter((r) => !parents.has(r.id)).sort((a, b) => +b.createdAt - +a.createdAt)
  const out: CommitSummary[] = []
  const seen = new Set<string>()
  for (const head of heads) {
    for (
      let at: typeof head | undefined = head;
      at && !seen.has(at.id);
      at = at.parentId ? byId.get(at.parentId) : undefined
    ) {
      seen.add(at.id)
      out.push(toSummary(at, fileCount.get(at.id) ?? 0, at.authorName ?? at.authorEmail ?? null))
    }
  }
  return out
}

/** The latest commit of a project (the one no other commit names as parent), or null. */
export async function headCommitId(db: Db, projectId: string): Promise<string | null> {
  const rows = await db
    .select({ id: commits.id, parentId: commits.parentId, createdAt: commits.createdAt })
    .from(commits)
    .where(eq(commits.projectId, projectId))
  const parents = new Set(rows.map((r) => r.parentId))
  const heads = rows.filter((r) => !parents.has(r.id)).sort((a, b) => +b.createdAt - +a.createdAt)
  return heads[0]?.id ?? null
}

/** One commit of a project, or null (also when it belongs to another project). */
export async function getCommit(db: Db, input: { projectId: string; commitId: string }): Promise<CommitSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(commits)
    .leftJoin(users, eq(users.id, commits.authorId))
    .where(and(eq(commits.id, input.commitId), eq(commits.projectId, input.projectId)))
  if (!row) return null
  const [c] = await db.select({ n: count() }).from(commitFiles).where(eq(commitFiles.commitId, row.id))
  return toSummary(row, Number(c?.n ?? 0), row.authorName ?? row.authorEmail ?? null)
}
