import { validateProject } from '../../../../../../lib/validation'
import { ApiError } from '../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { readJsonObject, withSession } from '../../../../../_lib/with-session'

/**
 * POST /api/v1/projects/:projectId/validate {files} → {problems}. The editor posts its working copy (exported from
 * the live document) after a pause in typing; validation runs here, off the browser's main thread.
 */
export const POST = withSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const body = await readJsonObject(req)
  const files = body.files
  if (!files || typeof files !== 'object' || Array.isArray(files))
    throw new ApiError('invalid-request', '"files" must be an object of path → text')
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') throw new ApiError('invalid-request', `"files.${path}" must be a string`)
  }
  const { problems } = await validateProject(files as Record<string, string>)
  return Response.json({ problems })
})
