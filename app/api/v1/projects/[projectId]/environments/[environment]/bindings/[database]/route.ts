import { bindingUrlProblem, setDatabaseBinding } from '../../../../../../../../../lib/runtime'
import { ApiError } from '../../../../../../../../_lib/api-error'
import {
  parseEnvironment,
  requireEnvironmentAccess,
  runtimeKey,
  withRuntimeSession,
} from '../../../../../../../../_lib/runtime-context'
import { readJsonObject, stringField } from '../../../../../../../../_lib/with-session'

/**
 * PUT /api/v1/projects/:projectId/environments/:environment/bindings/:database {url} → 204 (owners; write-only):
 * the PostgreSQL this SQL database block runs on in the environment.
 */
export const PUT = withRuntimeSession<{ projectId: string; environment: string; database: string }>(
  async (req, ctx, params) => {
    const environment = parseEnvironment(params.environment)
    await requireEnvironmentAccess(ctx, params.projectId, environment, 'configure')
    const url = stringField(await readJsonObject(req), 'url')
    const problem = bindingUrlProblem(url)
    if (problem) throw new ApiError('invalid-request', problem)
    await setDatabaseBinding(ctx.db, runtimeKey(), { projectId: params.projectId, environment }, params.database, url)
    return new Response(null, { status: 204 })
  },
)
