import { deploy, listDeployments } from '../../../../../../lib/runtime'
import { ApiError } from '../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import {
  parseEnvironment,
  requireEnvironmentAccess,
  unwrapRuntime,
  webRuntime,
  withRuntimeSession,
} from '../../../../../_lib/runtime-context'
import { readJsonObject, stringField } from '../../../../../_lib/with-session'

/**
 * GET /api/v1/projects/:projectId/deployments?environment= → {deployments}: per environment, the active one first,
 * then newest first. docs/runtime-api.md.
 */
export const GET = withRuntimeSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const environment = new URL(req.url).searchParams.get('environment')
  const deployments = await listDeployments(ctx.db, {
    projectId,
    ...(environment ? { environment: parseEnvironment(environment) } : {}),
  })
  return Response.json({ deployments })
})

/**
 * POST {commitId, environment?, confirmDestructive?, dryRun?} → 201 {deployment: {id, environment, commitId,
 * migration, schedules, applied, notes}} (200 for a dry run). 422 invalid-definition with located problems; 409
 * needs-confirmation with details.migration. docs/runtime-api.md.
 */
export const POST = withRuntimeSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  const body = await readJsonObject(req)
  const environment = parseEnvironment(body.environment === undefined ? undefined : stringField(body, 'environment'))
  await requireEnvironmentAccess(ctx, projectId, environment, 'run')
  const commitId = stringField(body, 'commitId')
  const flag = (key: string) => {
    const value = body[key]
    if (value !== undefined && typeof value !== 'boolean')
      throw new ApiError('invalid-request', `"${key}" must be a boolean`)
    return value === true
  }
  const dryRun = flag('dryRun')
  const confirmDestructive = flag('confirmDestructive')
  const { context, provisionDatabase } = await webRuntime()
  const scope = { projectId, environment }
  const result = unwrapRuntime(
    await deploy(context, {
      projectId,
      environment,
      commitId,
      dryRun,
      confirmDestructive,
      createdBy: ctx.user.id,
      ...(provisionDatabase ? { provisionDatabase: (block: string) => provisionDatabase(scope, block) } : {}),
    }),
  )
  const deployment = {
    id: result.deploymentId ?? null,
    environment,
    commitId,
    migration: result.migration,
    schedules: result.schedules,
    applied: result.applied,
    notes: result.notes,
  }
  return Response.json({ deployment }, { status: result.applied ? 201 : 200 })
})
