import { diffCommits, diffWorkingCopy } from '../../../../../../lib/service/commits'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { withSession } from '../../../../../_lib/with-session'
import { unwrap } from '../commits/commit-api'

/**
 * GET /api/v1/projects/:projectId/diff?from=<commitId>&to=<commitId> → {diff: {changes, breaking}} (readers).
 * `to` omitted: the working copy (`from` omitted too: since the latest commit). `to` alone: what commit `to` changed
 * (from its parent).
 */
export const GET = withSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const query = new URL(req.url).searchParams
  const from = query.get('from') || undefined
  const to = query.get('to') || undefined
  const diff = to
    ? unwrap(await diffCommits(ctx.db, { projectId, to, ...(from ? { from } : {}) }))
    : unwrap(await diffWorkingCopy(ctx.db, { projectId, ...(from ? { from } : {}) }))
  return Response.json({ diff })
})
