import { createOrganization, listOrganizationsForUser } from '../../../../lib/service/accounts'
import { readJsonObject, stringField, withSession } from '../../../_lib/with-session'
import { unwrapAccount } from './web-account-api'

/** GET /api/v1/orgs → {organizations}: the caller's organizations with their role, personal one included. */
export const GET = withSession(async (_req, { db, user }) => {
  return Response.json({ organizations: await listOrganizationsForUser(db, user.id) })
})

/** POST /api/v1/orgs {name} → 201 {organization}: a shared organization with the caller as owner. */
export const POST = withSession(async (req, { db, user }) => {
  const body = await readJsonObject(req)
  const organization = unwrapAccount(
    await createOrganization(db, { name: stringField(body, 'name'), ownerId: user.id }),
  )
  return Response.json({ organization }, { status: 201 })
})
