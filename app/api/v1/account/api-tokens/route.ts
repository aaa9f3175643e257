import { createApiToken, listApiTokens } from '../../../../../lib/service/web-accounts'
import { ApiError } from '../../../../_lib/api-error'
import { readJsonObject, stringField, withSession } from '../../../../_lib/with-session'
import { unwrapWeb } from '../../orgs/web-account-api'

/** GET /api/v1/account/api-tokens → {apiTokens}: the caller's active tokens (never the token itself). */
export const GET = withSession(async (_req, { db, user }) => {
  return Response.json({ apiTokens: await listApiTokens(db, user.id) })
})

/**
 * POST /api/v1/account/api-tokens {name, expiresInDays: 1–366 | null, projectId?} → 201 {apiToken, token}: the
 * token is in this answer only.
 */
export const POST = withSession(async (req, { db, user }) => {
  const body = await readJsonObject(req)
  const expiresInDays = body.expiresInDays
  if (expiresInDays !== null && typeof expiresInDays !== 'number')
    throw new ApiError('invalid-request', '"expiresInDays" must be a number of days, or null for no expiry')
  const created = unwrapWeb(
    await createApiToken(db, {
      userId: user.id,
      name: stringField(body, 'name'),
      projectId: stringField(body, 'projectId', { optional: true }) || null,
      expiresInDays,
    }),
  )
  return Response.json(created, { status: 201 })
})
