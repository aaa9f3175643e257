import { signOutEverywhere } from '../../../../../lib/service/accounts'
import { withSession } from '../../../../_lib/with-session'

/** POST /api/v1/account/sign-out-everywhere → {sessionVersion}: every session of the user ends, this one too. */
export const POST = withSession(async (_req, { db, user }) => {
  const sessionVersion = await signOutEverywhere(db, user.id)
  return Response.json({ sessionVersion })
})
