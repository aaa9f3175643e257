import { acceptInvitation } from '../../../../../lib/service/web-accounts'
import { readJsonObject, stringField, withSession } from '../../../../_lib/with-session'
import { unwrapWeb } from '../../orgs/web-account-api'

/** POST /api/v1/account/invitations {token} → {orgId, role}: the signed-in user accepts an invite link. */
export const POST = withSession(async (req, { db, user }) => {
  const body = await readJsonObject(req)
  const joined = unwrapWeb(await acceptInvitation(db, { token: stringField(body, 'token'), userId: user.id }))
  return Response.json(joined)
})
