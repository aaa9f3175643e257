import { authenticateUser, changePassword } from '../../../../../lib/service/accounts'
import { ApiError } from '../../../../_lib/api-error'
import { readJsonObject, stringField, withSession } from '../../../../_lib/with-session'
import { unwrapAccount } from '../../orgs/web-account-api'
import { freshSessionCookie } from '../session-cookie'

/**
 * POST /api/v1/account/password {currentPassword, newPassword} → {sessionVersion}. Bumps the session version: every
 * other session (web and collab) ends; this one gets a fresh cookie and stays signed in.
 */
export const POST = withSession(async (req, { db, user, secret }) => {
  const body = await readJsonObject(req)
  const current = stringField(body, 'currentPassword')
  const next = stringField(body, 'newPassword')
  if (!(await authenticateUser(db, { email: user.email, password: current }))) {
    throw new ApiError('wrong-password', 'your current password is not that one')
  }
  const { sessionVersion } = unwrapAccount(await changePassword(db, { userId: user.id, newPassword: next }))
  return Response.json(
    { sessionVersion },
    { headers: { 'set-cookie': await freshSessionCookie(req, { ...user, sessionVersion }, secret) } },
  )
})
