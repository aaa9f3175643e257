import type { Db } from '../../db'
import { diffProjects, type ProjectDiff } from '../../diff'
import { exportProject } from '../../doc'
import { CommitErrorCode, type CommitResult, fail, ok } from './commit-result'
import { getCommitFiles } from './get-commit-files'
import { getCommit, headCommitId } from './list-commits'
import { loadDesignDoc } from './load-design-doc'

/**
 * The semantic diff from commit `from` to commit `to` (lib/diff), breaking API changes flagged. `from` omitted: the
 * parent of `to` (what that commit changed; the first commit adds everything).
 */
export async function diffCommits(
  db: Db,
  input: { projectId: string; from?: string; to: string },
): Promise<CommitResult<ProjectDiff>> {
  const to = await getCommit(db, { projectId: input.projectId, commitId: input.to })
  if (!to) return fail(CommitErrorCode.notFound, `no commit ${input.to} in this project`)
  const from = input.from ?? to.parentId
  const [before, after] = await Promise.all([
    from ? getCommitFiles(db, { projectId: input.projectId, commitId: from }) : Promise.resolve({}),
    getCommitFiles(db, { projectId: input.projectId, commitId: input.to }),
  ])
  if (!before) return fail(CommitErrorCode.notFound, `no commit ${from} in this project`)
  if (!after) return fail(CommitErrorCode.notFound, `no commit ${input.to} in this project`)
  return ok(diffProjects(before, after))
}

/** The project's working copy as files: the design document from the durable log, exported. */
export async function workingCopyFiles(db: Db, projectId: string): Promise<Record<string, string>> {
  const doc = await loadDesignDoc(db, projectId)
  try {
    return exportProject(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * The semantic diff from a commit (default: the head) to the working copy, i.e. what the next commit would record.
 * With no commit yet, everything in the working copy is added.
 */
export async function diffWorkingCopy(
  db: Db,
  input: { projectId: string; from?: string },
): Promise<CommitResult<ProjectDiff>> {
  const from = input.from ?? (await headCommitId(db, input.projectId))
  const before = from ? await getCommitFiles(db, { projectId: input.projectId, commitId: from }) : {}
  if (!before) return fail(CommitErrorCode.notFound, `no commit ${from} in this project`)
  return ok(diffProjects(before, await workingCopyFiles(db, input.projectId)))
}
