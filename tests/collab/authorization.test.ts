import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { issueServiceToken, issueSessionToken } from '../../lib/auth'
import {
  bumpSessionVersion,
  createShareLink,
  removeProjectMember,
  revokeShareLink,
  setProjectMember,
} from '../../lib/service/accounts'
import {
  type CollabDatabase,
  type CollabProcess,
  connectClient,
  createCollabDatabase,
  eventually,
  frames,
  logRowCount,
  rawClient,
  readDocument,
  seedProject,
  seedRoles,
  seedUser,
  sessionToken,
  spawnCollab,
  type TestClient,
  testSecret,
} from './collab-fixture'

type Credential = 'owner' | 'editor' | 'commenter' | 'viewer' | 'share-viewer' | 'share-commenter' | 'service'
type Doc = 'design' | 'discussion'

/** DESIGN §5: who may write which document. Everyone listed may read both. */
const mayWrite: Record<Credential, Record<Doc, boolean>> = {
  owner: { design: true, discussion: true },
  editor: { design: true, discussion: true },
  commenter: { design: false, discussion: true },
  viewer: { design: false, discussion: false },
  'share-viewer': { design: false, discussion: false },
  'share-commenter': { design: false, discussion: true },
  service: { design: true, discussion: true },
}

describe('collab authorization (separate server process, real providers)', () => {
  let world: CollabDatabase
  let server: CollabProcess
  let roles: Awaited<ReturnType<typeof seedRoles>>
  let keepers: TestClient[] = []

  beforeAll(async () => {
    world = await createCollabDatabase('collab_auth')
    roles = await seedRoles(world.db)
    server = await spawnCollab({ databaseUrl: world.database.url })
    // An owner stays connected to both documents so they never unload (unloading compacts the log, and these tests
    // count log rows to prove what was and was not written).
    keepers = (['design', 'discussion'] as const).map((doc) =>
      connectClient({ url: server.url, name: `${roles.projectId}/${doc}`, token: roles.tokens.owner }),
    )
    for (const k of keepers) await k.synced
  })
  afterAll(async () => {
    for (const k of keepers) k.destroy()
    await server?.stop()
    await world?.dispose()
  })

  const name = (doc: Doc, projectId = roles.projectId) => `${projectId}/${doc}`

  it('every credential × document × operation: reads always, writes only where allowed', async () => {
    for (const doc of ['design', 'discussion'] as const) {
      const seeder = connectClient({ url: server.url, name: name(doc), token: roles.tokens.owner })
      await seeder.synced
      seeder.doc.getMap('m').set('seed', 'seed')
      await seeder.acked()
      seeder.destroy()
    }
    const rowsBefore = await logRowCount(world.db, roles.projectId)
    expect(rowsBefore).toBe(2)
    const outcomes: string[] = []
    for (const credential of Object.keys(mayWrite) as Credential[]) {
      for (const doc of ['design', 'discussion'] as const) {
        const client = connectClient({ url: server.url, name: name(doc), token: roles.tokens[credential] })
        expect(await client.authenticated, `${credential} reads ${doc}`).toBe(true)
        await client.synced
        await client.acked()
        expect(client.doc.getMap('m').get('seed'), `${credential} sees ${doc}`).toBe('seed')
        const status = client.nextSyncStatus()
        client.doc.getMap('m').set(credential, `${credential} was here`)
        outcomes.push(`${credential}/${doc}: ${(await status) ? 'written' : 'refused'}`)
        client.destroy()
      }
    }
    const expected = (Object.keys(mayWrite) as Credential[]).flatMap((c) =>
      (['design', 'discussion'] as const).map((d) => `${c}/${d}: ${mayWrite[c][d] ? 'written' : 'refused'}`),
    )
    expect(outcomes).toEqual(expected)
    for (const doc of ['design', 'discussion'] as const) {
      const copy = await readDocument(server.url, name(doc), roles.tokens.owner)
      const writers = Object.keys(copy.getMap('m').toJSON()).filter((k) => k !== 'seed')
      expect(writers.sort(), `writers of ${doc}`).toEqual(
        (Object.keys(mayWrite) as Credential[]).filter((c) => mayWrite[c][doc]).sort(),
      )
    }
    const writes = expected.filter((e) => e.endsWith('written')).length
    expect(await logRowCount(world.db, roles.projectId)).toBe(rowsBefore + writes)
  })

  it('refuses bad credentials with a reason', async () => {
    const { db } = world
    const outsider = await seedUser(db, 'outsider')
    const otherProject = await seedProject(db, outsider)
    const revoked = await createShareLink(db, { projectId: roles.projectId, createdBy: roles.users.owner.id })
    await revokeShareLink(db, { projectId: roles.projectId, linkId: revoked.link.id })
    const expired = await createShareLink(db, {
      projectId: roles.projectId,
      createdBy: roles.users.owner.id,
      expiresAt: new Date(Date.now() - 1000),
    })
    const otherLink = await createShareLink(db, { projectId: otherProject, createdBy: outsider.id })
    const staleUser = await seedUser(db, 'stale')
    await setProjectMember(db, { projectId: roles.projectId, userId: staleUser.id, role: 'editor' })
    const staleToken = await sessionToken(staleUser)
    await bumpSessionVersion(db, staleUser.id)
    const cases: Array<[string, string, string]> = [
      ['no token', name('design'), ''],
      ['forged token', name('design'), 'eyJhbGciOiJkaXIifQ..forged.token.here'],
      ['wrong secret', name('design'), await issueSessionToken({ user: roles.users.owner, secret: `${testSecret}-x` })],
      [
        'expired session',
        name('design'),
        await issueSessionToken({ user: roles.users.owner, secret: testSecret, maxAgeSeconds: -60 }),
      ],
      ['stale sessionVersion', name('design'), staleToken],
      ['not a member', name('design'), await sessionToken(outsider)],
      ['unknown project', name('design', 'prj_doesnotexist'), roles.tokens.owner],
      ['not a document', `${roles.projectId}/secrets`, roles.tokens.owner],
      ['revoked link', name('discussion'), revoked.token],
      ['expired link', name('discussion'), expired.token],
      ['link of another project', name('design'), otherLink.token],
      ['unknown link', name('design'), `${revoked.token.slice(0, -2)}xx`],
      [
        'service scoped elsewhere',
        name('design'),
        await issueServiceToken({ secret: testSecret, service: 's', projectId: otherProject }),
      ],
      ['service, wrong secret', name('design'), await issueServiceToken({ secret: `${testSecret}-x`, service: 's' })],
    ]
    const results: string[] = []
    for (const [label, documentName, token] of cases) {
      const client = connectClient({ url: server.url, name: documentName, token })
      const ok = await client.authenticated
      results.push(`${label}: ${ok ? 'ADMITTED' : client.refusal()}`)
      client.destroy()
    }
    expect(results).toEqual([
      'no token: missing-token',
      'forged token: invalid-token',
      'wrong secret: invalid-token',
      'expired session: expired-token',
      'stale sessionVersion: stale-session',
      'not a member: not-a-member',
      'unknown project: unknown-project',
      'not a document: unknown-document',
      'revoked link: revoked-share-link',
      'expired link: expired-share-link',
      'link of another project: wrong-project',
      'unknown link: unknown-share-link',
      'service scoped elsewhere: wrong-project',
      'service, wrong secret: invalid-token',
    ])
  })

  it('a viewer sending raw Yjs update frames changes nothing and logs nothing', async () => {
    const before = await readDocument(server.url, name('design'), roles.tokens.owner)
    const rowsBefore = await logRowCount(world.db, roles.projectId)
    const forged = new Y.Doc()
    forged.getMap('m').set('seed', 'overwritten by a viewer')
    forged.getArray('nodes').push(['injected'])
    const update = Y.encodeStateAsUpdate(forged)
    for (const token of [roles.tokens.viewer, roles.tokens['share-viewer'], roles.tokens.commenter]) {
      const raw = await rawClient(server.url, name('design'), token)
      expect(await raw.authenticated).toBe(true)
      raw.send(frames.sync(name('design'), update, 2, 0))
      raw.send(frames.sync(name('design'), update, 1, 0))
      raw.send(frames.sync(name('design'), update, 2, 4))
      expect(await eventually(() => raw.syncStatuses.length >= 3)).toBe(true)
      expect(raw.syncStatuses).toEqual([false, false, false])
      raw.ws.close()
      await raw.closed
    }
    const after = await readDocument(server.url, name('design'), roles.tokens.owner)
    expect(after.getMap('m').toJSON()).toEqual(before.getMap('m').toJSON())
    expect(after.getArray('nodes').length).toBe(0)
    expect(await logRowCount(world.db, roles.projectId)).toBe(rowsBefore)
  })

  it('revocations reach live connections within 5 s: removal, revoked link, session bump, demotion', async () => {
    const { db } = world
    const member = await seedUser(db, 'removed')
    await setProjectMember(db, { projectId: roles.projectId, userId: member.id, role: 'editor' })
    const bumped = await seedUser(db, 'bumped')
    await setProjectMember(db, { projectId: roles.projectId, userId: bumped.id, role: 'viewer' })
    const demoted = await seedUser(db, 'demoted')
    await setProjectMember(db, { projectId: roles.projectId, userId: demoted.id, role: 'editor' })
    const link = await createShareLink(db, { projectId: roles.projectId, createdBy: roles.users.owner.id })
    const clients = {
      removed: connectClient({ url: server.url, name: name('design'), token: await sessionToken(member) }),
      bumped: connectClient({ url: server.url, name: name('discussion'), token: await sessionToken(bumped) }),
      demoted: connectClient({ url: server.url, name: name('design'), token: await sessionToken(demoted) }),
      link: connectClient({ url: server.url, name: name('design'), token: link.token }),
      bystander: connectClient({ url: server.url, name: name('design'), token: roles.tokens.editor }),
    }
    for (const c of Object.values(clients)) await c.synced
    await removeProjectMember(db, { projectId: roles.projectId, userId: member.id })
    await bumpSessionVersion(db, bumped.id)
    await setProjectMember(db, { projectId: roles.projectId, userId: demoted.id, role: 'viewer' })
    await revokeShareLink(db, { projectId: roles.projectId, linkId: link.link.id })
    const revokedAt = Date.now()
    const closedWith4403 = (c: (typeof clients)['removed']) => c.closes.some((e) => e.code === 4403)
    // A re-check round reads the grants one connection at a time, so one round can see some of the four changes
    // and the next round the rest: each must land within 5 s, not all in the same round.
    expect(
      await eventually(
        () =>
          closedWith4403(clients.removed) &&
          closedWith4403(clients.bumped) &&
          closedWith4403(clients.link) &&
          closedWith4403(clients.demoted),
        5_000,
      ),
    ).toBe(true)
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(5_000)
    // Reconnects are refused, or (the demoted editor) admitted read-only.
    expect(await eventually(() => clients.removed.refusal() === 'not-a-member')).toBe(true)
    expect(await eventually(() => clients.link.refusal() === 'revoked-share-link')).toBe(true)
    expect(await eventually(() => clients.bumped.refusal() === 'stale-session')).toBe(true)
    expect(await eventually(() => clients.demoted.provider.isAuthenticated && clients.demoted.provider.synced)).toBe(
      true,
    )
    await clients.demoted.acked()
    const status = clients.demoted.nextSyncStatus()
    clients.demoted.doc.getMap('m').set('demoted-wrote', true)
    expect(await status).toBe(false)
    expect(clients.bystander.closes).toEqual([])
    for (const c of Object.values(clients)) c.destroy()
    const copy = await readDocument(server.url, name('design'), roles.tokens.owner)
    expect(copy.getMap('m').get('demoted-wrote')).toBeUndefined()
  })
})
