import { confirmTwoFactor } from '../../../../../../lib/service/web-accounts'
import { readJsonObject, stringField, withSession } from '../../../../../_lib/with-session'
import { unwrapWeb } from '../../../orgs/web-account-api'

/** POST /api/v1/account/two-factor/confirm {code} → {recoveryCodes}: two-factor is on; the codes are shown once. */
export const POST = withSession(async (req, { db, user }) => {
  const body = await readJsonObject(req)
  const { recoveryCodes } = unwrapWeb(await confirmTwoFactor(db, { userId: user.id, code: stringField(body, 'code') }))
  return Response.json({ recoveryCodes })
})
