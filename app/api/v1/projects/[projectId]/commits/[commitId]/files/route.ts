import { getCommit, getCommitFiles } from '../../../../../../../../lib/service/commits'
import { ApiError } from '../../../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../../../_lib/project-access'
import { withSession } from '../../../../../../../_lib/with-session'

/** GET /api/v1/projects/:projectId/commits/:commitId/files → {commit, files: {path: text}} (readers). */
export const GET = withSession<{ projectId: string; commitId: string }>(async (_req, ctx, { projectId, commitId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const commit = await getCommit(ctx.db, { projectId, commitId })
  const files = commit ? await getCommitFiles(ctx.db, { projectId, commitId }) : null
  if (!commit || !files) throw new ApiError('not-found', `no commit ${commitId} in this project`)
  return Response.json({ commit, files })
})
