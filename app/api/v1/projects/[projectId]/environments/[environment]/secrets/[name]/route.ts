import { deleteSecret, secretNameProblem, secretValueProblem, setSecret } from '../../../../../../../../../lib/runtime'
import { ApiError } from '../../../../../../../../_lib/api-error'
import {
  parseEnvironment,
  requireEnvironmentAccess,
  runtimeKey,
  withRuntimeSession,
} from '../../../../../../../../_lib/runtime-context'
import { readJsonObject, stringField } from '../../../../../../../../_lib/with-session'

type Params = { projectId: string; environment: string; name: string }

/** PUT /api/v1/projects/:projectId/environments/:environment/secrets/:name {value} → 204 (owners; write-only). */
export const PUT = withRuntimeSession<Params>(async (req, ctx, params) => {
  const environment = parseEnvironment(params.environment)
  await requireEnvironmentAccess(ctx, params.projectId, environment, 'configure')
  const problem = secretNameProblem(params.name)
  if (problem) throw new ApiError('invalid-request', problem)
  const value = stringField(await readJsonObject(req), 'value')
  const valueProblem = secretValueProblem(value)
  if (valueProblem) throw new ApiError('invalid-request', valueProblem)
  await setSecret(ctx.db, runtimeKey(), { projectId: params.projectId, environment }, params.name, value)
  return new Response(null, { status: 204 })
})

/** DELETE …/secrets/:name → 204 (owners). */
export const DELETE = withRuntimeSession<Params>(async (_req, ctx, params) => {
  const environment = parseEnvironment(params.environment)
  await requireEnvironmentAccess(ctx, params.projectId, environment, 'configure')
  await deleteSecret(ctx.db, { projectId: params.projectId, environment }, params.name)
  return new Response(null, { status: 204 })
})
