import { listEnvironments } from '../../../../../../lib/runtime'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { withRuntimeSession } from '../../../../../_lib/runtime-context'

/**
 * GET /api/v1/projects/:projectId/environments → {environments: [{name, allowPrivateNetwork, activeDeployment,
 * secrets (names), bindings (no URLs)}]}. Never a secret value or a binding URL. docs/runtime-api.md.
 */
export const GET = withRuntimeSession<{ projectId: string }>(async (_req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  return Response.json({ environments: await listEnvironments(ctx.db, projectId) })
})
