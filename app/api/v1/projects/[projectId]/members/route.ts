import {
  getUserByEmail,
  isProjectRole,
  listProjectMembers,
  setProjectMember,
} from '../../../../../../lib/service/accounts'
import { ApiError } from '../../../../../_lib/api-error'
import { requireProjectAccess } from '../../../../../_lib/project-access'
import { readJsonObject, stringField, withSession } from '../../../../../_lib/with-session'

/** GET …/members → {members} (anyone who can open the project sees who else can). */
export const GET = withSession<{ projectId: string }>(async (_req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'read')
  return Response.json({ members: await listProjectMembers(ctx.db, projectId) })
})

/** POST {email, role} → {member}: adds an existing user or changes their role (owners only). */
export const POST = withSession<{ projectId: string }>(async (req, ctx, { projectId }) => {
  await requireProjectAccess(ctx, projectId, 'admin')
  const body = await readJsonObject(req)
  const email = stringField(body, 'email')
  const role = stringField(body, 'role')
  if (!isProjectRole(role)) throw new ApiError('invalid-role', 'role must be owner, editor, commenter or viewer')
  const user = await getUserByEmail(ctx.db, email)
  if (!user) throw new ApiError('not-found', `no account for ${email}: ask them to sign up first`)
  const result = await setProjectMember(ctx.db, { projectId, userId: user.id, role })
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return Response.json({ member: { userId: user.id, email: user.email, name: user.name, role } }, { status: 201 })
})
