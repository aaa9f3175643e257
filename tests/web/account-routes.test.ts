import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizeCredentials, configuredOAuthProviders } from '../../app/_lib/auth-options'
import { POST as acceptRoute } from '../../app/api/v1/account/invitations/route'
import { POST as passwordRoute } from '../../app/api/v1/account/password/route'
import { GET as accountRoute } from '../../app/api/v1/account/route'
import { POST as signOutEverywhereRoute } from '../../app/api/v1/account/sign-out-everywhere/route'
import { POST as confirmTwoFactorRoute } from '../../app/api/v1/account/two-factor/confirm/route'
import { DELETE as disableTwoFactorRoute, POST as startTwoFactorRoute } from '../../app/api/v1/account/two-factor/route'
import { POST as inviteRoute } from '../../app/api/v1/orgs/[orgId]/invitations/route'
import { DELETE as removeMemberRoute } from '../../app/api/v1/orgs/[orgId]/members/[userId]/route'
import { GET as membersRoute } from '../../app/api/v1/orgs/[orgId]/members/route'
import { POST as orgProjectsRoute } from '../../app/api/v1/orgs/[orgId]/projects/route'
import { POST as createOrgRoute, GET as listOrgsRoute } from '../../app/api/v1/orgs/route'
import {
  DELETE as deleteProjectRoute,
  POST as duplicateRoute,
  GET as getProjectRoute,
  PATCH as patchProjectRoute,
} from '../../app/api/v1/projects/[projectId]/route'
import { POST as signupRoute } from '../../app/api/v1/signup/route'
import { readSessionCookie } from '../../lib/auth'
import { exportProject } from '../../lib/doc'
import { getProject, getUserByEmail, type PublicUser, setProjectMember } from '../../lib/service/accounts'
import { loadDesignDoc } from '../../lib/service/commits'
import { totpCode } from '../../lib/service/web-accounts'
import { type CollabServer, startCollabServer } from '../../server/collab/index'
import { type CollabDatabase, createCollabDatabase, sessionToken, testSecret } from '../collab/collab-fixture'
import { json, none, origin, params } from './route-request'

// The exported route handlers called with real Requests carrying real next-auth session cookies, on a real
// PostgreSQL, with a real collab server for the routes that seed a live document (examples, duplicates, specs).
const password = 'correct horse battery'

function request(path: string, token: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers)
  if (token) headers.set('cookie', `next-auth.session-token=${token}`)
  return new Request(`${origin}${path}`, { ...init, headers })
}

let world: CollabDatabase
let server: CollabServer
let seq = 0

async function signUp(tag: string): Promise<{ user: PublicUser; token: string }> {
  const email = `${tag}-${++seq}@example.com`
  const response = await signupRoute(request('/api/v1/signup', null, json({ email, name: tag, password })), none)
  expect(response.status).toBe(201)
  const user = await getUserByEmail(world.db, email)
  if (!user) throw new Error('no user')
  return { user, token: await sessionToken(user) }
}

beforeAll(async () => {
  world = await createCollabDatabase('web_routes')
  server = await startCollabServer({ db: world.db, secret: testSecret })
  process.env.DATABASE_URL = world.database.url
  process.env.BACKPLANE_AUTH_SECRET = testSecret
  process.env.COLLAB_INTERNAL_URL = server.url
})
afterAll(async () => {
  await server?.stop()
  await world?.dispose()
})

describe('sign-in (the Credentials provider) and the account routes', () => {
  it('signs in with a password; with two-factor on it requires a code, refuses a wrong one, takes a recovery code', async () => {
    const { user, token } = await signUp('ada')
    expect(await authorizeCredentials(world.db, { email: user.email, password })).toMatchObject({ id: user.id })
    expect(await authorizeCredentials(world.db, { email: user.email, password: 'wrong password' })).toBeNull()

    const started = await startTwoFactorRoute(request('/api/v1/account/two-factor', token, json({})), none)
    expect(started.status).toBe(201)
    const { secret, uri } = (await started.json()) as { secret: string; uri: string }
    expect(uri).toMatch(/^otpauth:\/\/totp\/Backplane%3A/)
    const badConfirm = await confirmTwoFactorRoute(
      request('/api/v1/account/two-factor/confirm', token, json({ code: 'abc' })),
      none,
    )
    expect(badConfirm.status).toBe(400)
    expect(((await badConfirm.json()) as { error: { code: string } }).error.code).toBe('invalid-code')
    const confirmed = await confirmTwoFactorRoute(
      request('/api/v1/account/two-factor/confirm', token, json({ code: totpCode(secret, new Date()) })),
      none,
    )
    expect(confirmed.status).toBe(200)
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] }
    expect(recoveryCodes).toHaveLength(10)

    await expect(authorizeCredentials(world.db, { email: user.email, password })).rejects.toThrow('two-factor-required')
    await expect(authorizeCredentials(world.db, { email: user.email, password, code: '12345' })).rejects.toThrow(
      'two-factor-invalid',
    )
    // A wrong password with a code is still just a wrong password (the code is never checked first).
    expect(await authorizeCredentials(world.db, { email: user.email, password: 'nope', code: '123456' })).toBeNull()
    const [recovery = ''] = recoveryCodes
    expect(await authorizeCredentials(world.db, { email: user.email, password, code: recovery })).toMatchObject({
      id: user.id,
    })

    const account = await accountRoute(request('/api/v1/account', token), none)
    expect(await account.json()).toMatchObject({ twoFactor: { enabled: true, recoveryCodesLeft: 9 } })
    const disabled = await disableTwoFactorRoute(
      request('/api/v1/account/two-factor', token, json({ code: recoveryCodes[1] }, 'DELETE')),
      none,
    )
    expect(disabled.status).toBe(200)
    expect(await authorizeCredentials(world.db, { email: user.email, password })).toMatchObject({ id: user.id })
  })

  it('rate-limits sign-in attempts per email: the 11th within a minute is refused even with the right password', async () => {
    const { user } = await signUp('guessed')
    for (let i = 0; i < 10; i++) {
      expect(await authorizeCredentials(world.db, { email: user.email, password: `guess ${i}` })).toBeNull()
    }
    await expect(authorizeCredentials(world.db, { email: user.email.toUpperCase(), password })).rejects.toThrow(
      'rate-limited',
    )
  })

  it('a password change ends other sessions and re-issues this one; sign-out everywhere ends all', async () => {
    const { user, token } = await signUp('changer')
    const other = await sessionToken(user)
    const wrong = await passwordRoute(
      request('/api/v1/account/password', token, json({ currentPassword: 'nope', newPassword: 'another long one' })),
      none,
    )
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('wrong-password')
    const weak = await passwordRoute(
      request('/api/v1/account/password', token, json({ currentPassword: password, newPassword: 'short' })),
      none,
    )
    expect(weak.status).toBe(400)

    const changed = await passwordRoute(
      request('/api/v1/account/password', token, json({ currentPassword: password, newPassword: 'another long one' })),
      none,
    )
    expect(changed.status).toBe(200)
    const fresh = readSessionCookie(changed.headers.get('set-cookie')?.split(';')[0])
    expect(fresh).toBeTruthy()
    expect((await accountRoute(request('/api/v1/account', other), none)).status).toBe(401)
    expect((await accountRoute(request('/api/v1/account', token), none)).status).toBe(401)
    expect((await accountRoute(request('/api/v1/account', fresh ?? ''), none)).status).toBe(200)
    expect(await authorizeCredentials(world.db, { email: user.email, password: 'another long one' })).toBeTruthy()

    const out = await signOutEverywhereRoute(
      request('/api/v1/account/sign-out-everywhere', fresh ?? '', json({})),
      none,
    )
    expect(out.status).toBe(200)
    expect((await accountRoute(request('/api/v1/account', fresh ?? ''), none)).status).toBe(401)
  })

  it('offers GitHub and Google only when both their id and secret are configured', () => {
    expect(configuredOAuthProviders({})).toEqual([])
    expect(configuredOAuthProviders({ GITHUB_ID: 'id' })).toEqual([])
    expect(
      configuredOAuthProviders({ GITHUB_ID: 'id', GITHUB_SECRET: 's', GOOGLE_ID: 'g', GOOGLE_SECRET: 't' }),
    ).toEqual(['github', 'google'])
  })
})

describe('organization routes', () => {
  it('creates an organization, invites by link, the invitee accepts; members cannot remove; non-members get 404', async () => {
    const owner = await signUp('org-owner')
    const bob = await signUp('org-bob')
    const stranger = await signUp('org-stranger')
    const created = await createOrgRoute(request('/api/v1/orgs', owner.token, json({ name: 'Acme' })), none)
    expect(created.status).toBe(201)
    const { organization } = (await created.json()) as { organization: { id: string } }
    const orgId = organization.id
    const listed = (await (await listOrgsRoute(request('/api/v1/orgs', owner.token), none)).json()) as {
      organizations: Array<{ id: string; role: string; personal: boolean }>
    }
    expect(listed.organizations.map((o) => [o.personal, o.role])).toEqual(
      expect.arrayContaining([
        [true, 'owner'],
        [false, 'owner'],
      ]),
    )

    const invite = await inviteRoute(
      request(`/api/v1/orgs/${orgId}/invitations`, owner.token, json({ email: bob.user.email, role: 'member' })),
      params({ orgId }),
    )
    expect(invite.status).toBe(201)
    const { url } = (await invite.json()) as { url: string }
    const token = new URL(url).searchParams.get('token') ?? ''
    expect(new URL(url).pathname).toBe('/orgs/join')
    const byStranger = await acceptRoute(request('/api/v1/account/invitations', stranger.token, json({ token })), none)
    expect(byStranger.status).toBe(403)
    const accepted = await acceptRoute(request('/api/v1/account/invitations', bob.token, json({ token })), none)
    expect(await accepted.json()).toEqual({ orgId, role: 'member' })

    const members = (await (
      await membersRoute(request(`/api/v1/orgs/${orgId}/members`, bob.token), params({ orgId }))
    ).json()) as {
      members: Array<{ email: string }>
    }
    expect(members.members.map((m) => m.email).sort()).toEqual([bob.user.email, owner.user.email].sort())
    expect(
      (await membersRoute(request(`/api/v1/orgs/${orgId}/members`, stranger.token), params({ orgId }))).status,
    ).toBe(404)
    const memberRemoves = await removeMemberRoute(
      request(`/api/v1/orgs/${orgId}/members/${owner.user.id}`, bob.token, { method: 'DELETE' }),
      params({ orgId, userId: owner.user.id }),
    )
    expect(memberRemoves.status).toBe(403)
    const leaves = await removeMemberRoute(
      request(`/api/v1/orgs/${orgId}/members/${bob.user.id}`, bob.token, { method: 'DELETE' }),
      params({ orgId, userId: bob.user.id }),
    )
    expect(leaves.status).toBe(200)
    // Leaving keeps the leaver signed in.
    expect((await accountRoute(request('/api/v1/account', bob.token), none)).status).toBe(200)
  })
})

describe('project routes: create (blank, example, spec), rename, archive, duplicate, delete', () => {
  it('runs the dashboard actions with their permissions', async () => {
    const owner = await signUp('proj-owner')
    const viewer = await signUp('proj-viewer')
    const orgId = owner.user.personalOrgId ?? ''
    const create = (body: unknown) =>
      orgProjectsRoute(request(`/api/v1/orgs/${orgId}/projects`, owner.token, json(body)), params({ orgId }))

    const blank = await create({ name: 'Blank' })
    expect(blank.status).toBe(201)
    const badExample = await create({ name: 'X', example: 'nope' })
    expect(badExample.status).toBe(400)
    const notMine = await orgProjectsRoute(
      request(`/api/v1/orgs/${orgId}/projects`, viewer.token, json({ name: 'Sneaky' })),
      params({ orgId }),
    )
    expect(notMine.status).toBe(404)

    const shop = await create({ name: 'My shop', example: 'shop' })
    expect(shop.status).toBe(201)
    const { project } = (await shop.json()) as { project: { id: string; name: string } }
    expect(project.name).toBe('My shop')
    const projectId = project.id
    const doc = await loadDesignDoc(world.db, projectId)
    const files = exportProject(doc)
    doc.destroy()
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['backplane.json', 'apis/orders.openapi.yaml']))

    const form = new FormData()
    form.set(
      'spec',
      new File(['openapi: 3.1.0\ninfo:\n  title: Pets\n  version: 1.0.0\npaths: {}\n'], 'pets.openapi.yaml'),
    )
    const spec = await orgProjectsRoute(
      request(`/api/v1/orgs/${orgId}/projects`, owner.token, { method: 'POST', body: form }),
      params({ orgId }),
    )
    expect(spec.status).toBe(201)
    const specProject = (await spec.json()) as { project: { id: string; name: string } }
    expect(specProject.project.name).toBe('pets.openapi')
    const specDoc = await loadDesignDoc(world.db, specProject.project.id)
    expect(Object.keys(exportProject(specDoc))).toContain('apis/pets.openapi.yaml')
    specDoc.destroy()

    await setProjectMember(world.db, { projectId, userId: viewer.user.id, role: 'viewer' })
    const viewerRename = await patchProjectRoute(
      request(`/api/v1/projects/${projectId}`, viewer.token, json({ name: 'Mine now' }, 'PATCH')),
      params({ projectId }),
    )
    expect(viewerRename.status).toBe(403)
    const renamed = await patchProjectRoute(
      request(`/api/v1/projects/${projectId}`, owner.token, json({ name: 'Storefront' }, 'PATCH')),
      params({ projectId }),
    )
    expect(((await renamed.json()) as { project: { name: string } }).project.name).toBe('Storefront')
    const archived = await patchProjectRoute(
      request(`/api/v1/projects/${projectId}`, owner.token, json({ archived: true }, 'PATCH')),
      params({ projectId }),
    )
    expect(((await archived.json()) as { project: { archived: boolean } }).project.archived).toBe(true)
    const got = await getProjectRoute(request(`/api/v1/projects/${projectId}`, viewer.token), params({ projectId }))
    expect(await got.json()).toMatchObject({ role: 'viewer', headCommitId: null, project: { archived: true } })

    // A viewer may duplicate into their own organization; the copy is theirs, with the same files.
    const copy = await duplicateRoute(
      request(
        `/api/v1/projects/${projectId}`,
        viewer.token,
        json({ action: 'duplicate', orgId: viewer.user.personalOrgId }),
      ),
      params({ projectId }),
    )
    expect(copy.status).toBe(201)
    const copied = (await copy.json()) as { project: { id: string; name: string; orgId: string } }
    expect(copied.project).toMatchObject({ name: 'Storefront (copy)', orgId: viewer.user.personalOrgId })
    expect(copied.project.id).not.toBe(projectId)
    const copyDoc = await loadDesignDoc(world.db, copied.project.id)
    const copyFiles = exportProject(copyDoc)
    copyDoc.destroy()
    expect(copyFiles['apis/orders.openapi.yaml']).toBe(files['apis/orders.openapi.yaml'])
    const intoOthers = await duplicateRoute(
      request(`/api/v1/projects/${projectId}`, viewer.token, json({ action: 'duplicate' })),
      params({ projectId }),
    )
    expect(intoOthers.status).toBe(403)

    const mismatch = await deleteProjectRoute(
      request(`/api/v1/projects/${projectId}`, owner.token, json({ confirm: 'storefront' }, 'DELETE')),
      params({ projectId }),
    )
    expect(mismatch.status).toBe(400)
    expect(((await mismatch.json()) as { error: { code: string } }).error.code).toBe('confirmation-mismatch')
    const deleted = await deleteProjectRoute(
      request(`/api/v1/projects/${projectId}`, owner.token, json({ confirm: 'Storefront' }, 'DELETE')),
      params({ projectId }),
    )
    expect(deleted.status).toBe(200)
    expect(await getProject(world.db, projectId)).toBeNull()
  })
})
