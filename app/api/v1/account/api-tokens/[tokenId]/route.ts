import { revokeApiToken } from '../../../../../../lib/service/web-accounts'
import { withSession } from '../../../../../_lib/with-session'
import { unwrapWeb } from '../../../orgs/web-account-api'

/** DELETE /api/v1/account/api-tokens/:tokenId → {apiToken}: revoked at once (the next request with it is refused). */
export const DELETE = withSession<{ tokenId: string }>(async (_req, { db, user }, { tokenId }) => {
  return Response.json({ apiToken: unwrapWeb(await revokeApiToken(db, { userId: user.id, tokenId })) })
})
