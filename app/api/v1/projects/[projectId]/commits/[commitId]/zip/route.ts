import { getProject } from '../../../../../../../../lib/service/accounts'
import { commitZip, getCommit } from '../../../../../../../../lib/service/commits'
import { ApiError } from '../../../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../../../_lib/project-access'
import { withSession } from '../../../../../../../_lib/with-session'

/** GET /api/v1/projects/:projectId/commits/:commitId/zip → the commit's files as a .zip download (readers). */
export const GET = withSession<{ projectId: string; commitId: string }>(async (_req, ctx, { projectId, commitId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const [commit, zip, project] = await Promise.all([
    getCommit(ctx.db, { projectId, commitId }),
    commitZip(ctx.db, { projectId, commitId }),
    getProject(ctx.db, projectId),
  ])
  if (!commit || !zip) throw new ApiError('not-found', `no commit ${commitId} in this project`)
  const stem = (project?.name ?? 'project').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'project'
  return new Response(new Blob([new Uint8Array(zip)]), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${stem}-${commitId}.zip"`,
      // A commit never changes.
      'cache-control': 'private, max-age=31536000, immutable',
    },
  })
})
