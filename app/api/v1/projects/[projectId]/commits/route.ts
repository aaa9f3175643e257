import { commitProject, listCommits } from '../../../../../../lib/service/commits'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { readJsonObject, stringField, withSession } from '../../../../../_lib/with-session'
import { unwrap } from './commit-api'

/** GET /api/v1/projects/:projectId/commits → {commits} newest first (anyone who can read the project). */
export const GET = withSession<{ projectId: string }>(async (_req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  return Response.json({ commits: await listCommits(ctx.db, projectId) })
})

/**
 * POST {message} → 201 {commit} (owners and editors). An invalid design → 422 invalid-design with every located
 * problem; nothing changed since the last commit → 409 conflict.
 */
export const POST = withSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'write')
  const body = await readJsonObject(req)
  const message = stringField(body, 'message')
  const commit = unwrap(await commitProject(ctx.db, { projectId, authorId: ctx.user.id, message }))
  return Response.json({ commit }, { status: 201 })
})
