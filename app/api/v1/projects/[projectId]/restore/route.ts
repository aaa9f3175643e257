import { restoreCommit } from '../../../../../../lib/service/commits'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { readJsonObject, stringField, withSession } from '../../../../../_lib/with-session'
import { liveEditor, unwrap } from '../commits/commit-api'

/**
 * POST /api/v1/projects/:projectId/restore {commitId} → {restored: {commitId, diff, problems}} (owners, editors).
 * The commit's files are applied to the live document through the collab server: collaborators see the change
 * live, history is untouched, and the next commit records the restore.
 */
export const POST = withSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'write')
  const commitId = stringField(await readJsonObject(req), 'commitId')
  const restored = unwrap(await restoreCommit(ctx.db, { projectId, commitId, edit: liveEditor(ctx, 'restore') }))
  return Response.json({ restored })
})
