import type * as Y from 'yjs'
import type { Db } from '../../db'
import { diffProjects, type ProjectDiff } from '../../diff'
import { applyFiles, exportProject, migrateDocument } from '../../doc'
import type { Problem } from '../../problems'
import { CommitErrorCode, type CommitResult, fail, ok } from './commit-result'
import { getCommitFiles } from './get-commit-files'
import type { LiveEditor } from './live-editor'

export interface RestoreOutcome {
  commitId: string
  /** What the restore changed in the working copy (working copy before → the commit's files). */
  diff: ProjectDiff
  /** Import problems of the commit's files (normally none: a commit was valid). */
  problems: Problem[]
}

/**
 * Restores a commit as a live edit (DESIGN §5): `applyFiles` on the live design document through the collab server,
 * so collaborators see the minimal change (one field for a one-field difference), in one transaction they can
 * undo like any edit. History is never rewritten: the next commit records the restore as a new version.
 */
export async function restoreCommit(
  db: Db,
  input: { projectId: string; commitId: string; edit: LiveEditor },
): Promise<CommitResult<RestoreOutcome>> {
  const files = await getCommitFiles(db, { projectId: input.projectId, commitId: input.commitId })
  if (!files) return fail(CommitErrorCode.notFound, `no commit ${input.commitId} in this project`)
  const change = guarded((doc: Y.Doc) => {
    migrateDocument(doc)
    const before = exportProject(doc)
    const { problems } = applyFiles(doc, files)
    return { diff: diffProjects(before, files), problems }
  })
  try {
    const result = await input.edit(input.projectId, change.run)
    return ok({ commitId: input.commitId, ...result })
  } catch (err) {
    change.rethrowBug()
    return fail(CommitErrorCode.collabUnavailable, `the live document could not be edited: ${messageOf(err)}`)
  }
}

/**
 * Wraps a live-edit callback so that an error thrown by our own code inside it (a bug) is told apart from the
 * editor failing (collab server down, refused, no acknowledgement): only the latter is an expected refusal.
 */
export function guarded<T>(fn: (doc: Y.Doc) => T): { run: (doc: Y.Doc) => T; rethrowBug: () => void } {
  let bug: { error: unknown } | undefined
  return {
    run: (doc) => {
      try {
        return fn(doc)
      } catch (error) {
        bug = { error }
        throw error
      }
    },
    rethrowBug: () => {
      if (bug) throw bug.error
    },
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
