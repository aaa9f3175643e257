import { listDeadLetters, replayDeadLetters } from '../../../../../../../lib/runtime'
import { ApiError } from '../../../../../../_lib/api-error'
import {
  parseEnvironment,
  requireEnvironmentAccess,
  unwrapRuntime,
  webRuntime,
  withRuntimeSession,
} from '../../../../../../_lib/runtime-context'
import { readJsonObject } from '../../../../../../_lib/with-session'

/**
 * POST /api/v1/projects/:projectId/dead-letters/replay {ids} → 202 {replayed: [{id, deliveryId, commitId}]}: each
 * letter goes again to its consumer as currently deployed. All or nothing. docs/runtime-api.md.
 */
export const POST = withRuntimeSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireEnvironmentAccess(ctx, projectId, 'development', 'read')
  const { ids } = await readJsonObject(req)
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every((id) => typeof id === 'string'))
    throw new ApiError('invalid-request', '"ids" must be a list of 1 to 1000 dead-letter ids')
  const letters = await listDeadLetters({ db: ctx.db }, { projectId, ids, limit: ids.length })
  for (const environment of new Set(letters.map((l) => parseEnvironment(l.environment)))) {
    await requireEnvironmentAccess(ctx, projectId, environment, 'run')
  }
  if (letters.length === 0) await requireEnvironmentAccess(ctx, projectId, 'development', 'run')
  const { context } = await webRuntime()
  const { replayed } = unwrapRuntime(await replayDeadLetters(context, { projectId, ids }))
  return Response.json({ replayed }, { status: 202 })
})
