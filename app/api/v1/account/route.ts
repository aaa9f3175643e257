import { getUserById } from '../../../../lib/service/accounts'
import { getTwoFactorStatus, listOAuthAccounts } from '../../../../lib/service/web-accounts'
import { ApiError } from '../../../_lib/api-error'
import { withSession } from '../../../_lib/with-session'

/** GET /api/v1/account → {user, twoFactor, oauth}: who is signed in and how they sign in. */
export const GET = withSession(async (_req, { db, user }) => {
  const account = await getUserById(db, user.id)
  if (!account) throw new ApiError('unauthenticated', 'your account no longer exists')
  const [twoFactor, oauth] = await Promise.all([getTwoFactorStatus(db, user.id), listOAuthAccounts(db, user.id)])
  return Response.json({
    user: { id: account.id, email: account.email, name: account.name, personalOrgId: account.personalOrgId },
    twoFactor,
    oauth,
  })
})
