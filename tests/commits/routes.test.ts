import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as getZipRoute } from '../../app/api/v1/projects/[projectId]/commits/[commitId]/zip/route'
import { GET as getCommitsRoute, POST as postCommitRoute } from '../../app/api/v1/projects/[projectId]/commits/route'
import { GET as getDiffRoute } from '../../app/api/v1/projects/[projectId]/diff/route'
import { POST as postRestoreRoute } from '../../app/api/v1/projects/[projectId]/restore/route'
import { POST as postImportRoute } from '../../app/api/v1/projects/import/route'
import { applyFiles, exportProject } from '../../lib/doc'
import { type PublicUser, setProjectMember } from '../../lib/service/accounts'
import { loadDesignDoc } from '../../lib/service/commits'
import { type CollabServer, startCollabServer } from '../../server/collab/index'
import { withLiveDocument } from '../../server/collab-client'
import {
  type CollabDatabase,
  createCollabDatabase,
  seedProject,
  seedUser,
  sessionToken,
  testSecret,
} from '../collab/collab-fixture'
import { smallProject } from './small-project'

const origin = 'http://backplane.test'

/** A real Request carrying a real next-auth session cookie, as the browser sends it. */
function request(path: string, token: string | null, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers)
  if (token) headers.set('cookie', `next-auth.session-token=${token}`)
  return new Request(`${origin}${path}`, { ...init, headers })
}
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) })
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describe('commit routes: the exported handlers called with real requests and session cookies', () => {
  let world: CollabDatabase
  let server: CollabServer
  let owner: PublicUser
  let viewer: PublicUser
  let ownerToken: string
  let viewerToken: string
  let projectId: string

  beforeAll(async () => {
    world = await createCollabDatabase('commit_routes')
    server = await startCollabServer({ db: world.db, secret: testSecret })
    // The web process's configuration (app/_lib/server-context.ts reads it on first use).
    process.env.DATABASE_URL = world.database.url
    process.env.BACKPLANE_AUTH_SECRET = testSecret
    process.env.COLLAB_INTERNAL_URL = server.url
    owner = await seedUser(world.db, 'route-owner')
    viewer = await seedUser(world.db, 'route-viewer')
    ownerToken = await sessionToken(owner)
    viewerToken = await sessionToken(viewer)
    projectId = await seedProject(world.db, owner)
    await setProjectMember(world.db, { projectId, userId: viewer.id, role: 'viewer' })
    await withLiveDocument({ collabUrl: server.url, projectId, secret: testSecret }, (doc) =>
      applyFiles(doc, smallProject()),
    )
  })
  afterAll(async () => {
    await server?.stop()
    await world?.dispose()
  })

  it('commits for an owner (201), lists for a viewer, refuses a viewer (403) and no session (401)', async () => {
    const created = await postCommitRoute(
      request(`/api/v1/projects/${projectId}/commits`, ownerToken, json({ message: 'first' })),
      params({ projectId }),
    )
    expect(created.status).toBe(201)
    const { commit } = (await created.json()) as { commit: { id: string; message: string; parentId: null } }
    expect(commit).toMatchObject({ message: 'first', parentId: null })

    const listed = await getCommitsRoute(
      request(`/api/v1/projects/${projectId}/commits`, viewerToken),
      params({ projectId }),
    )
    expect(listed.status).toBe(200)
    expect(((await listed.json()) as { commits: { id: string }[] }).commits.map((c) => c.id)).toEqual([commit.id])

    const refused = await postCommitRoute(
      request(`/api/v1/projects/${projectId}/commits`, viewerToken, json({ message: 'nope' })),
      params({ projectId }),
    )
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden')

    const anonymous = await getCommitsRoute(
      request(`/api/v1/projects/${projectId}/commits`, null),
      params({ projectId }),
    )
    expect(anonymous.status).toBe(401)

    const again = await postCommitRoute(
      request(`/api/v1/projects/${projectId}/commits`, ownerToken, json({ message: 'same' })),
      params({ projectId }),
    )
    expect(again.status).toBe(409)

    const zip = await getZipRoute(
      request(`/api/v1/projects/${projectId}/commits/${commit.id}/zip`, viewerToken),
      params({ projectId, commitId: commit.id }),
    )
    expect(zip.status).toBe(200)
    expect(zip.headers.get('content-type')).toBe('application/zip')
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    expect(Object.keys(entries).sort()).toEqual(Object.keys(smallProject()).sort())
  })

  it('answers 422 with located problems for an invalid design', async () => {
    const broken = await seedProject(world.db, owner)
    await withLiveDocument({ collabUrl: server.url, projectId: broken, secret: testSecret }, (doc) =>
      applyFiles(doc, { ...smallProject(), 'infra/databases/orders-db.database.json': '{ "format": ' }),
    )
    const response = await postCommitRoute(
      request(`/api/v1/projects/${broken}/commits`, ownerToken, json({ message: 'broken' })),
      params({ projectId: broken }),
    )
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: { code: string; problems: { file?: string; line?: number }[] } }
    expect(body.error.code).toBe('invalid-design')
    expect(body.error.problems.some((p) => p.file === 'infra/databases/orders-db.database.json' && p.line === 1)).toBe(
      true,
    )
  })

  it('diffs the working copy and restores through the collab server', async () => {
    const list = (await (
      await getCommitsRoute(request(`/api/v1/projects/${projectId}/commits`, ownerToken), params({ projectId }))
    ).json()) as { commits: { id: string }[] }
    const commitId = list.commits[0]?.id ?? ''
    const files = smallProject()
    await withLiveDocument({ collabUrl: server.url, projectId, secret: testSecret }, (doc) =>
      applyFiles(doc, {
        ...files,
        'apis/orders.openapi.yaml': (files['apis/orders.openapi.yaml'] ?? '').replace('- shipped\n', ''),
      }),
    )
    const diff = await getDiffRoute(request(`/api/v1/projects/${projectId}/diff`, viewerToken), params({ projectId }))
    expect(diff.status).toBe(200)
    const { diff: d } = (await diff.json()) as { diff: { breaking: number; changes: { field?: string }[] } }
    expect(d.changes.map((c) => c.field)).toEqual(['response 200.status enum'])

    const viewerRestore = await postRestoreRoute(
      request(`/api/v1/projects/${projectId}/restore`, viewerToken, json({ commitId })),
      params({ projectId }),
    )
    expect(viewerRestore.status).toBe(403)
    const restored = await postRestoreRoute(
      request(`/api/v1/projects/${projectId}/restore`, ownerToken, json({ commitId })),
      params({ projectId }),
    )
    expect(restored.status).toBe(200)
    expect(exportProject(await loadDesignDoc(world.db, projectId))).toEqual(files)
  })

  it('imports a raw zip body and a multipart folder (201) and refuses a bad archive (400)', async () => {
    const id = `prj_RouteImport${String(Date.now()).slice(-10)}`
    const files = smallProject(id)
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])))
    const ok = await postImportRoute(
      request('/api/v1/projects/import', ownerToken, {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: zip,
      }),
      params({}),
    )
    expect(ok.status).toBe(201)
    expect(((await ok.json()) as { project: { id: string } }).project.id).toBe(id)
    expect(exportProject(await loadDesignDoc(world.db, id))).toEqual(files)

    const folderId = `prj_RouteFolder${String(Date.now()).slice(-10)}`
    const folder = new FormData()
    folder.set('orgId', owner.personalOrgId ?? '')
    for (const [path, text] of Object.entries(smallProject(folderId))) {
      folder.append('files', new File([text], path.split('/').pop() ?? path))
      folder.append('paths', `small/${path}`)
    }
    const fromFolder = await postImportRoute(
      request('/api/v1/projects/import', ownerToken, { method: 'POST', body: folder }),
      params({}),
    )
    expect(fromFolder.status).toBe(201)
    expect(exportProject(await loadDesignDoc(world.db, folderId))).toEqual(smallProject(folderId))

    const form = new FormData()
    form.set('archive', new File([strToU8('not a zip')], 'project.zip', { type: 'application/zip' }))
    const bad = await postImportRoute(
      request('/api/v1/projects/import', ownerToken, { method: 'POST', body: form }),
      params({}),
    )
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid-archive',
    })
  })
})
