import { createUser } from '../../../../lib/service/accounts'
import { ApiError } from '../../../_lib/api-error'
import { readJsonObject, stringField, withErrors } from '../../../_lib/with-session'

/** POST /api/v1/signup {email, name, password} → 201 {user}. The client then signs in through next-auth. */
export const POST = withErrors(async (req, db) => {
  const body = await readJsonObject(req)
  const result = await createUser(db, {
    email: stringField(body, 'email'),
    name: stringField(body, 'name', { optional: true }),
    password: stringField(body, 'password'),
  })
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  const { id, email, name } = result.value
  return Response.json({ user: { id, email, name } }, { status: 201 })
})
