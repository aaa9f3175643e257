import { getOrganizationRole, getProject, renameProject, setProjectArchived } from '../../../../../lib/service/accounts'
import { headCommitId } from '../../../../../lib/service/commits'
import { deleteProject, duplicateProject } from '../../../../../lib/service/web-accounts'
import { ApiError } from '../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../_lib/project-access'
import { readJsonObject, stringField, withSession } from '../../../../_lib/with-session'
import { unwrapAccount, unwrapWeb } from '../../orgs/web-account-api'
import { liveEditor, unwrap } from './commits/commit-api'

type Params = { projectId: string }

/** GET /api/v1/projects/:projectId → {project, role, headCommitId} (anyone who can open it). */
export const GET = withSession<Params>(async (_req, ctx, { projectId }) => {
  const access = await requireProjectAccess(ctx, projectId, 'read')
  const [project, head] = await Promise.all([getProject(ctx.db, projectId), headCommitId(ctx.db, projectId)])
  return Response.json({ project, role: access.role, headCommitId: head })
})

/**
 * PATCH /api/v1/projects/:projectId {name?, archived?} → {project} (owners). Archiving makes the project read-only
 * for everyone (live connections drop to read within seconds); un-archiving gives editing back.
 */
export const PATCH = withSession<Params>(async (req, ctx, { projectId }) => {
  const body = await readJsonObject(req)
  // Owners only: archived projects refuse 'write', and un-archiving must stay possible.
  await requireProjectAccess(ctx, projectId, 'admin')
  if (body.name === undefined && body.archived === undefined) {
    throw new ApiError('invalid-request', 'send "name" and/or "archived"')
  }
  let project = await getProject(ctx.db, projectId)
  if (body.name !== undefined) {
    project = unwrapAccount(await renameProject(ctx.db, { projectId, name: stringField(body, 'name') }))
  }
  if (body.archived !== undefined) {
    if (typeof body.archived !== 'boolean') throw new ApiError('invalid-request', '"archived" must be true or false')
    project = unwrapAccount(await setProjectArchived(ctx.db, { projectId, archived: body.archived }))
  }
  return Response.json({ project })
})

/**
 * DELETE /api/v1/projects/:projectId {confirm: "<the project's name>"} → {deleted} (owners). Irreversible: the
 * documents, commits and share links go with it; open editors are disconnected by the collab re-check.
 */
export const DELETE = withSession<Params>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'admin')
  const body = await readJsonObject(req)
  unwrapWeb(await deleteProject(ctx.db, { projectId, confirmName: stringField(body, 'confirm') }))
  return Response.json({ deleted: projectId })
})

/**
 * POST /api/v1/projects/:projectId {action: "duplicate", name?, orgId?} → 201 {project}: a new project with a copy
 * of the live design (readers may duplicate into an organization they belong to; default: the same one).
 */
export const POST = withSession<Params>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  const body = await readJsonObject(req)
  if (body.action !== 'duplicate') throw new ApiError('invalid-request', '"action" must be "duplicate"')
  const source = await getProject(ctx.db, projectId)
  if (!source) throw new ApiError('not-found', `no project ${projectId}`)
  const orgId = stringField(body, 'orgId', { optional: true }) || source.orgId
  if (!(await getOrganizationRole(ctx.db, orgId, ctx.user.id))) {
    throw new ApiError('forbidden', 'you can only duplicate into an organization you belong to')
  }
  const name = stringField(body, 'name', { optional: true }).trim() || `${source.name} (copy)`
  const outcome = unwrap(
    await duplicateProject(ctx.db, {
      projectId,
      ownerId: ctx.user.id,
      orgId,
      name,
      edit: liveEditor(ctx, 'duplicate'),
    }),
  )
  return Response.json({ project: outcome.project }, { status: 201 })
})
