import type { Db } from '../../../../lib/db'
import { createProject, getUserById, listProjectsForUser } from '../../../../lib/service/accounts'
import { ApiError } from '../../../_lib/api-error'
import { readJsonObject, stringField, withSession } from '../../../_lib/with-session'

/** GET /api/v1/projects → {projects} the signed-in user can open. */
export const GET = withSession(async (_req, { db, user }) => {
  const projects = await listProjectsForUser(db, user.id)
  return Response.json({ projects })
})

/** POST /api/v1/projects {name, orgId?} → 201 {project}; the creator becomes its owner. */
export const POST = withSession(async (req, { db, user }) => {
  const body = await readJsonObject(req)
  const name = stringField(body, 'name')
  const orgId = stringField(body, 'orgId', { optional: true }) || (await personalOrgId(db, user.id))
  const result = await createProject(db, { orgId, name, ownerId: user.id })
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return Response.json({ project: result.value }, { status: 201 })
})

async function personalOrgId(db: Db, userId: string): Promise<string> {
  const user = await getUserById(db, userId)
  if (!user) throw new ApiError('unauthenticated', 'your account no longer exists')
  if (!user.personalOrgId)
    throw new ApiError('invalid-request', 'name the organization ("orgId") to create the project in')
  return user.personalOrgId
}
