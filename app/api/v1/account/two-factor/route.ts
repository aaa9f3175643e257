import { disableTwoFactor, getTwoFactorStatus, startTwoFactorEnrollment } from '../../../../../lib/service/web-accounts'
import { readJsonObject, stringField, withSession } from '../../../../_lib/with-session'
import { unwrapWeb } from '../../orgs/web-account-api'

/** GET /api/v1/account/two-factor → {twoFactor}: enabled, pending, recovery codes left. */
export const GET = withSession(async (_req, { db, user }) => {
  return Response.json({ twoFactor: await getTwoFactorStatus(db, user.id) })
})

/** POST /api/v1/account/two-factor → {secret, uri}: starts enrolment (confirm with …/two-factor/confirm). */
export const POST = withSession(async (_req, { db, user }) => {
  const enrolment = unwrapWeb(await startTwoFactorEnrollment(db, { userId: user.id, account: user.email }))
  return Response.json(enrolment, { status: 201 })
})

/** DELETE /api/v1/account/two-factor {code} → {disabled: true}: needs a current code or a recovery code. */
export const DELETE = withSession(async (req, { db, user }) => {
  const body = await readJsonObject(req)
  unwrapWeb(await disableTwoFactor(db, { userId: user.id, code: stringField(body, 'code') }))
  return Response.json({ disabled: true })
})
