import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELETE as revokeRoute } from '../../app/api/v1/account/api-tokens/[tokenId]/route'
import { POST as createTokenRoute, GET as listTokensRoute } from '../../app/api/v1/account/api-tokens/route'
import { GET as accountRoute } from '../../app/api/v1/account/route'
import { GET as getProjectRoute, PATCH as patchProjectRoute } from '../../app/api/v1/projects/[projectId]/route'
import { POST as signupRoute } from '../../app/api/v1/signup/route'
import { createProject, getUserByEmail, type PublicUser, setProjectMember } from '../../lib/service/accounts'
import { createApiToken } from '../../lib/service/web-accounts'
import { type CollabDatabase, createCollabDatabase, sessionToken, testSecret } from '../collab/collab-fixture'
import { json, none, origin, params } from './route-request'

// The route handlers with real Requests on a real PostgreSQL: API tokens created with the session cookie, then
// used as `Authorization: Bearer` on project routes — acting as their user, refused on the account, scoped,
// revoked, expired.
type Auth = { cookie: string } | { bearer: string } | { header: string }

function request(path: string, auth: Auth | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers)
  if (auth && 'cookie' in auth) headers.set('cookie', `next-auth.session-token=${auth.cookie}`)
  if (auth && 'bearer' in auth) headers.set('authorization', `Bearer ${auth.bearer}`)
  if (auth && 'header' in auth) headers.set('authorization', auth.header)
  return new Request(`${origin}${path}`, { ...init, headers })
}
const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string } }).error

let world: CollabDatabase
let seq = 0

async function signUp(tag: string): Promise<{ user: PublicUser; cookie: string }> {
  const email = `${tag}-${++seq}@example.com`
  const response = await signupRoute(
    request('/api/v1/signup', null, json({ email, name: tag, password: 'correct horse battery' })),
    none,
  )
  expect(response.status).toBe(201)
  const user = await getUserByEmail(world.db, email)
  if (!user) throw new Error('no user')
  return { user, cookie: await sessionToken(user) }
}

async function projectOf(user: PublicUser, name: string): Promise<string> {
  if (!user.personalOrgId) throw new Error('no personal organization')
  const created = await createProject(world.db, { orgId: user.personalOrgId, name, ownerId: user.id })
  if (!created.ok) throw new Error(created.error.message)
  return created.value.id
}

async function newToken(cookie: string, body: Record<string, unknown>): Promise<string> {
  const response = await createTokenRoute(request('/api/v1/account/api-tokens', { cookie }, json(body)), none)
  expect(response.status).toBe(201)
  return ((await response.json()) as { token: string }).token
}

beforeAll(async () => {
  world = await createCollabDatabase('web_api_tokens')
  process.env.DATABASE_URL = world.database.url
  process.env.BACKPLANE_AUTH_SECRET = testSecret
})
afterAll(async () => {
  await world?.dispose()
})

describe('API tokens', () => {
  it('are created once, listed without the secret, act as their user on project routes, and stop when revoked', async () => {
    const ada = await signUp('ada')
    const projectId = await projectOf(ada.user, 'Shop')
    const created = await createTokenRoute(
      request('/api/v1/account/api-tokens', { cookie: ada.cookie }, json({ name: 'CI deploy', expiresInDays: 30 })),
      none,
    )
    expect(created.status).toBe(201)
    const { token, apiToken } = (await created.json()) as { token: string; apiToken: Record<string, unknown> }
    expect(token).toMatch(/^bpt_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toMatchObject({ name: 'CI deploy', prefix: token.slice(0, 10), projectId: null, lastUsedAt: null })
    expect(apiToken).not.toHaveProperty('tokenHash')

    const got = await getProjectRoute(
      request(`/api/v1/projects/${projectId}`, { bearer: token }),
      params({ projectId }),
    )
    expect(got.status).toBe(200)
    expect(await got.json()).toMatchObject({ project: { id: projectId, name: 'Shop' }, role: 'owner' })

    const listed = await listTokensRoute(request('/api/v1/account/api-tokens', { cookie: ada.cookie }), none)
    const { apiTokens } = (await listed.json()) as { apiTokens: { id: string; lastUsedAt: string | null }[] }
    expect(apiTokens).toHaveLength(1)
    expect(apiTokens[0]?.lastUsedAt).not.toBeNull()
    expect(JSON.stringify(apiTokens)).not.toContain(token)

    const revoked = await revokeRoute(
      request(`/api/v1/account/api-tokens/${apiTokens[0]?.id}`, { cookie: ada.cookie }, { method: 'DELETE' }),
      params({ tokenId: apiTokens[0]?.id ?? '' }),
    )
    expect(revoked.status).toBe(200)
    const after = await getProjectRoute(
      request(`/api/v1/projects/${projectId}`, { bearer: token }),
      params({ projectId }),
    )
    expect(after.status).toBe(401)
    expect((await errorOf(after)).message).toContain('revoked-token')
    const gone = await listTokensRoute(request('/api/v1/account/api-tokens', { cookie: ada.cookie }), none)
    expect(((await gone.json()) as { apiTokens: unknown[] }).apiTokens).toEqual([])
  })

  it('never manage the account, and unknown, malformed or foreign bearer tokens are refused with a reason', async () => {
    const bob = await signUp('bob')
    const projectId = await projectOf(bob.user, 'Bob’s')
    const token = await newToken(bob.cookie, { name: 'script', expiresInDays: null })
    for (const call of [
      () =>
        createTokenRoute(
          request('/api/v1/account/api-tokens', { bearer: token }, json({ name: 'x', expiresInDays: 1 })),
          none,
        ),
      () => listTokensRoute(request('/api/v1/account/api-tokens', { bearer: token }), none),
      () => accountRoute(request('/api/v1/account', { bearer: token }), none),
    ]) {
      const refused = await call()
      expect(refused.status).toBe(403)
      expect((await errorOf(refused)).message).toContain('cannot manage the account')
    }
    const get = (auth: Auth) => getProjectRoute(request(`/api/v1/projects/${projectId}`, auth), params({ projectId }))
    const unknown = await get({ bearer: `bpt_${'A'.repeat(43)}` })
    expect(unknown.status).toBe(401)
    expect((await errorOf(unknown)).message).toContain('unknown-token')
    const foreign = await get({ bearer: 'ghp_somethingelse' })
    expect(foreign.status).toBe(401)
    expect((await errorOf(foreign)).message).toContain('not a Backplane API token')
    const malformed = await get({ header: 'Bearer' })
    expect(malformed.status).toBe(401)
    expect((await errorOf(malformed)).message).toContain('Bearer <API token>')
    // Another scheme is not ours (HTTP basic auth in front of the app): the session cookie still decides.
    const basic = request(`/api/v1/projects/${projectId}`, { cookie: bob.cookie })
    basic.headers.set('authorization', 'Basic dXNlcjpwYXNz')
    expect((await getProjectRoute(basic, params({ projectId }))).status).toBe(200)
    expect((await get({ header: 'Basic dXNlcjpwYXNz' })).status).toBe(401)
  })

  it('follow their user’s role, stay inside their project when scoped, and end when they expire', async () => {
    const owner = await signUp('owner')
    const viewer = await signUp('viewer')
    const shared = await projectOf(owner.user, 'Shared')
    const other = await projectOf(viewer.user, 'Viewer’s own')
    expect((await setProjectMember(world.db, { projectId: shared, userId: viewer.user.id, role: 'viewer' })).ok).toBe(
      true,
    )
    const token = await newToken(viewer.cookie, { name: 'read-only', expiresInDays: 90 })
    const read = await getProjectRoute(
      request(`/api/v1/projects/${shared}`, { bearer: token }),
      params({ projectId: shared }),
    )
    expect(read.status).toBe(200)
    expect(await read.json()).toMatchObject({ role: 'viewer' })
    const rename = await patchProjectRoute(
      request(`/api/v1/projects/${shared}`, { bearer: token }, json({ name: 'Mine now' }, 'PATCH')),
      params({ projectId: shared }),
    )
    expect(rename.status).toBe(403)

    const scoped = await newToken(viewer.cookie, { name: 'only mine', expiresInDays: 30, projectId: other })
    const inScope = await getProjectRoute(
      request(`/api/v1/projects/${other}`, { bearer: scoped }),
      params({ projectId: other }),
    )
    expect(inScope.status).toBe(200)
    const outOfScope = await getProjectRoute(
      request(`/api/v1/projects/${shared}`, { bearer: scoped }),
      params({ projectId: shared }),
    )
    expect(outOfScope.status).toBe(403)
    expect((await errorOf(outOfScope)).message).toContain(`limited to project ${other}`)

    // Created 31 days ago with a 30-day lifetime.
    const old = await createApiToken(world.db, {
      userId: viewer.user.id,
      name: 'old',
      expiresInDays: 30,
      now: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000),
    })
    if (!old.ok) throw new Error(old.error.message)
    const expired = await getProjectRoute(
      request(`/api/v1/projects/${other}`, { bearer: old.value.token }),
      params({ projectId: other }),
    )
    expect(expired.status).toBe(401)
    expect((await errorOf(expired)).message).toContain('expired-token')
  })

  it('refuse bad requests with what is wrong', async () => {
    const eve = await signUp('eve')
    const mallory = await signUp('mallory')
    const notHers = await projectOf(mallory.user, 'Mallory’s')
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: '', expiresInDays: 30 }, 400, 'needs a name'],
      [{ name: 'x', expiresInDays: 0 }, 400, 'from 1 to 366'],
      [{ name: 'x', expiresInDays: 400 }, 400, 'from 1 to 366'],
      [{ name: 'x', expiresInDays: '30' }, 400, 'number of days'],
      [{ name: 'x', expiresInDays: 30, projectId: notHers }, 404, 'member of'],
    ]
    for (const [body, status, message] of cases) {
      const response = await createTokenRoute(
        request('/api/v1/account/api-tokens', { cookie: eve.cookie }, json(body)),
        none,
      )
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect((await errorOf(response)).message).toContain(message)
    }
    const missing = await revokeRoute(
      request('/api/v1/account/api-tokens/tok_nope', { cookie: eve.cookie }, { method: 'DELETE' }),
      params({ tokenId: 'tok_nope' }),
    )
    expect(missing.status).toBe(404)
  })
})
