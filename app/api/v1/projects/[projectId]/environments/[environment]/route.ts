import { environmentPolicy, setPrivateNetworkAllowed } from '../../../../../../../lib/runtime'
import { ApiError } from '../../../../../../_lib/api-error'
import { parseEnvironment, requireEnvironmentAccess, withRuntimeSession } from '../../../../../../_lib/runtime-context'
import { readJsonObject } from '../../../../../../_lib/with-session'

/**
 * PATCH /api/v1/projects/:projectId/environments/:environment {allowPrivateNetwork} → {environment: {name,
 * allowPrivateNetwork}} (owners only): whether HTTP nodes may reach private, loopback and link-local addresses.
 */
export const PATCH = withRuntimeSession<{ projectId: string; environment: string }>(async (req, ctx, params) => {
  const environment = parseEnvironment(params.environment)
  await requireEnvironmentAccess(ctx, params.projectId, environment, 'configure')
  const { allowPrivateNetwork } = await readJsonObject(req)
  if (typeof allowPrivateNetwork !== 'boolean')
    throw new ApiError('invalid-request', '"allowPrivateNetwork" must be a boolean')
  const scope = { projectId: params.projectId, environment }
  await setPrivateNetworkAllowed(ctx.db, scope, allowPrivateNetwork)
  const policy = await environmentPolicy(ctx.db, scope)
  return Response.json({ environment: { name: environment, allowPrivateNetwork: policy.allowPrivateNetwork } })
})
