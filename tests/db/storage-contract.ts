import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { issueServiceToken, issueSessionToken, verifySessionToken } from '../../lib/auth'
import { createDb, type Db, type DbConnection, migrate, projects, shareLinks, yjsUpdates } from '../../lib/db'
import {
  authenticateUser,
  changePassword,
  createOrganization,
  createProject,
  createShareLink,
  createUser,
  getProjectRole,
  listProjectsForUser,
  type PublicUser,
  removeOrganizationMember,
  removeProjectMember,
  resolveProjectAccess,
  resolveShareLink,
  revokeShareLink,
  setOrganizationMember,
  setProjectArchived,
  setProjectMember,
  signOutEverywhere,
} from '../../lib/service/accounts'
import { createUpdateLog } from '../../server/collab/update-log'

/** A storage under test: a database URL nobody else uses, and how to dispose of it. */
export interface ContractStorage {
  url: string
  dispose(): Promise<void>
}

const fastScrypt = { logN: 10, r: 8, p: 1 }
const secret = 'contract-secret-contract-secret-contract'

/**
 * One behavioural contract for the data layer, run unchanged on a real PostgreSQL and on PGlite behind
 * pglite-socket (tldraw's storageContractSuite pattern). Rule ids in test names: [S1] …
 */
export function storageContractSuite(name: string, open: () => Promise<ContractStorage>): void {
  describe(`storage contract on ${name}`, () => {
    let storage: ContractStorage
    let conn: DbConnection
    let db: Db
    let seq = 0
    const email = (tag: string) => `${tag}-${++seq}@example.com`
    async function user(tag: string, password?: string): Promise<PublicUser> {
      const result = await createUser(db, { email: email(tag), name: tag, password, scrypt: fastScrypt })
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    }
    async function project(owner: PublicUser): Promise<string> {
      const result = await createProject(db, { orgId: owner.personalOrgId ?? '', name: 'Shop', ownerId: owner.id })
      if (!result.ok) throw new Error(result.error.message)
      return result.value.id
    }

    beforeAll(async () => {
      storage = await open()
      conn = createDb(storage.url, { max: 4 })
      db = conn.db
      await migrate(db)
    })
    afterAll(async () => {
      await conn?.close()
      await storage?.dispose()
    })

    it('[S1] migrations are idempotent', async () => {
      await migrate(db)
      const rows = await db.select({ n: sql<number>`count(*)::int` }).from(projects)
      expect(rows[0]?.n).toBeGreaterThanOrEqual(0)
    })

    it('[S2] bytea round-trips every byte value as a Uint8Array', async () => {
      const owner = await user('bytes')
      const projectId = await project(owner)
      const bytes = new Uint8Array(256).map((_, i) => i)
      await db.insert(yjsUpdates).values({ projectId, doc: 'design', update: bytes, connectionId: 'c' })
      const [row] = await db.select().from(yjsUpdates).where(eq(yjsUpdates.projectId, projectId))
      expect(row?.update).toBeInstanceOf(Uint8Array)
      expect(Array.from(row?.update ?? [])).toEqual(Array.from(bytes))
    })

    it('[S3] sign-up creates a personal organization; emails are unique case-insensitively', async () => {
      const address = email('Case')
      const first = await createUser(db, {
        email: address.toUpperCase(),
        name: 'C',
        password: 'long-enough',
        scrypt: fastScrypt,
      })
      expect(first.ok).toBe(true)
      const again = await createUser(db, { email: `  ${address} `, name: 'C2', scrypt: fastScrypt })
      expect(again).toMatchObject({ ok: false, error: { code: 'email-taken' } })
      expect(await createUser(db, { email: 'nope', name: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-email' },
      })
      expect(await createUser(db, { email: email('w'), name: 'x', password: 'short' })).toMatchObject({
        ok: false,
        error: { code: 'weak-password' },
      })
      if (!first.ok) return
      expect(first.value.email).toBe(address.toLowerCase())
      expect(first.value.personalOrgId).toMatch(/^org_/)
      expect(await authenticateUser(db, { email: address, password: 'long-enough' })).toMatchObject({
        id: first.value.id,
      })
      expect(await authenticateUser(db, { email: address, password: 'wrong-password' })).toBeNull()
      expect(Object.keys(first.value)).not.toContain('passwordHash')
    })

    it('[S4] concurrent sign-ups with one email: exactly one wins', async () => {
      const address = email('race')
      const results = await Promise.all(
        Array.from({ length: 4 }, () => createUser(db, { email: address, name: 'r', scrypt: fastScrypt })),
      )
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'email-taken')).toBe(true)
    })

    it('[S5] session tokens: valid, then stale after a password change or sign-out-everywhere', async () => {
      const u = await user('session', 'first-password')
      const token = await issueSessionToken({ user: u, secret })
      expect(await verifySessionToken({ db, token, secret })).toMatchObject({ ok: true, user: { id: u.id } })
      const changed = await changePassword(db, { userId: u.id, newPassword: 'second-password', scrypt: fastScrypt })
      expect(changed).toEqual({ ok: true, value: { sessionVersion: u.sessionVersion + 1 } })
      expect(await verifySessionToken({ db, token, secret })).toEqual({ ok: false, reason: 'stale-session' })
      const fresh = await issueSessionToken({ user: { ...u, sessionVersion: u.sessionVersion + 1 }, secret })
      expect((await verifySessionToken({ db, token: fresh, secret })).ok).toBe(true)
      await signOutEverywhere(db, u.id)
      expect(await verifySessionToken({ db, token: fresh, secret })).toEqual({ ok: false, reason: 'stale-session' })
      const ghost = await issueSessionToken({ user: { ...u, id: 'usr_ghost' }, secret })
      expect(await verifySessionToken({ db, token: ghost, secret })).toEqual({ ok: false, reason: 'unknown-user' })
    })

    it('[S6] roles: membership, organization admins as owners, last owner kept, roles checked by the database', async () => {
      const owner = await user('owner')
      const admin = await user('admin')
      const stranger = await user('stranger')
      const org = await createOrganization(db, { name: 'Acme', ownerId: owner.id })
      if (!org.ok) throw new Error('org')
      const created = await createProject(db, { orgId: org.value.id, name: 'P', ownerId: owner.id })
      if (!created.ok) throw new Error('project')
      const projectId = created.value.id
      expect(projectId).toMatch(/^prj_[0-9A-Za-z]{22}$/)
      expect(await getProjectRole(db, projectId, owner.id)).toBe('owner')
      expect(await getProjectRole(db, projectId, stranger.id)).toBeNull()
      expect(await getProjectRole(db, 'prj_missing', owner.id)).toBeNull()
      await setOrganizationMember(db, { orgId: org.value.id, userId: admin.id, role: 'admin' })
      expect(await getProjectRole(db, projectId, admin.id)).toBe('owner')
      expect((await listProjectsForUser(db, admin.id)).map((p) => p.id)).toContain(projectId)
      await setProjectMember(db, { projectId, userId: stranger.id, role: 'viewer' })
      await setProjectMember(db, { projectId, userId: stranger.id, role: 'commenter' })
      expect(await getProjectRole(db, projectId, stranger.id)).toBe('commenter')
      expect(await removeProjectMember(db, { projectId, userId: owner.id })).toMatchObject({
        ok: false,
        error: { code: 'last-owner' },
      })
      const before = admin.sessionVersion
      expect((await removeOrganizationMember(db, { orgId: org.value.id, userId: admin.id })).ok).toBe(true)
      const token = await issueSessionToken({ user: { ...admin, sessionVersion: before }, secret })
      expect(await verifySessionToken({ db, token, secret })).toEqual({ ok: false, reason: 'stale-session' })
      await expect(
        db.execute(
          sql`insert into project_members (project_id, user_id, role) values (${projectId}, ${owner.id}, 'god')`,
        ),
      ).rejects.toThrow()
      expect(
        await setOrganizationMember(db, { orgId: owner.personalOrgId ?? '', userId: admin.id, role: 'member' }),
      ).toMatchObject({ ok: false, error: { code: 'personal-organization' } })
    })

    it('[S7] share links: stored hashed; valid, revoked, expired, unknown', async () => {
      const owner = await user('links')
      const projectId = await project(owner)
      const { link, token } = await createShareLink(db, { projectId, createdBy: owner.id, canComment: true })
      const [stored] = await db.select().from(shareLinks).where(eq(shareLinks.id, link.id))
      expect(JSON.stringify(stored)).not.toContain(token)
      expect(await resolveShareLink(db, { token })).toMatchObject({ ok: true, link: { id: link.id, canComment: true } })
      expect(await resolveShareLink(db, { token: `${token}x` })).toEqual({ ok: false, reason: 'unknown-share-link' })
      expect((await revokeShareLink(db, { projectId, linkId: link.id })).ok).toBe(true)
      expect(await resolveShareLink(db, { token })).toEqual({ ok: false, reason: 'revoked-share-link' })
      const soon = await createShareLink(db, {
        projectId,
        createdBy: owner.id,
        expiresAt: new Date(Date.now() + 60_000),
      })
      expect((await resolveShareLink(db, { token: soon.token })).ok).toBe(true)
      expect(await resolveShareLink(db, { token: soon.token, now: new Date(Date.now() + 120_000) })).toEqual({
        ok: false,
        reason: 'expired-share-link',
      })
      expect(await revokeShareLink(db, { projectId: 'prj_other', linkId: soon.link.id })).toMatchObject({ ok: false })
    })

    it('[S8] access levels per role and credential; archived projects are read-only', async () => {
      const owner = await user('acc-owner')
      const projectId = await project(owner)
      const levels: Record<string, [string, string]> = {}
      for (const role of ['editor', 'commenter', 'viewer'] as const) {
        const u = await user(`acc-${role}`)
        await setProjectMember(db, { projectId, userId: u.id, role })
        const check = await resolveProjectAccess(db, {
          token: await issueSessionToken({ user: u, secret }),
          secret,
          projectId,
        })
        if (!check.ok) throw new Error(check.reason)
        levels[role] = [check.access.design, check.access.discussion]
      }
      expect(levels).toEqual({ editor: ['write', 'write'], commenter: ['read', 'write'], viewer: ['read', 'read'] })
      const ownerToken = await issueSessionToken({ user: owner, secret })
      expect(await resolveProjectAccess(db, { token: ownerToken, secret, projectId: 'prj_none' })).toEqual({
        ok: false,
        reason: 'unknown-project',
      })
      const service = await resolveProjectAccess(db, {
        token: await issueServiceToken({ secret, service: 'restore' }),
        secret,
        projectId,
      })
      expect(service).toMatchObject({
        ok: true,
        access: { role: 'service', design: 'write', actor: 'service:restore' },
      })
      const scoped = await issueServiceToken({ secret, service: 'restore', projectId: 'prj_other' })
      expect(await resolveProjectAccess(db, { token: scoped, secret, projectId })).toEqual({
        ok: false,
        reason: 'wrong-project',
      })
      await setProjectArchived(db, { projectId, archived: true })
      const archived = await resolveProjectAccess(db, { token: ownerToken, secret, projectId })
      expect(archived).toMatchObject({ ok: true, access: { design: 'read', discussion: 'read' } })
    })

    it('[S9] the update log: concurrent appends share transactions (group commit) and all load back in order', async () => {
      const owner = await user('log')
      const projectId = await project(owner)
      const log = createUpdateLog(db)
      const source = new Y.Doc()
      const updates: Uint8Array[] = []
      source.on('update', (u: Uint8Array) => updates.push(u))
      for (let i = 0; i < 60; i++) source.getMap('m').set(`k${i}`, i)
      const seqs = await Promise.all(
        updates.map((update, i) =>
          log.append({ projectId, doc: 'design', update, userId: owner.id, connectionId: `c${i % 3}` }),
        ),
      )
      expect(new Set(seqs).size).toBe(60)
      const rows = await db.select().from(yjsUpdates).where(eq(yjsUpdates.projectId, projectId))
      // now() is the transaction's start time: fewer distinct timestamps than rows = rows shared transactions.
      expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBeLessThan(60)
      const loaded = await log.load(projectId, 'design')
      expect(loaded.logRows).toBe(60)
      const copy = new Y.Doc()
      for (const u of loaded.updates) Y.applyUpdate(copy, u)
      expect(copy.getMap('m').toJSON()).toEqual(source.getMap('m').toJSON())
      expect(await log.load(projectId, 'discussion')).toMatchObject({ updates: [], logRows: 0 })
    })

    it('[S10] compaction folds rows into one snapshot and deletes exactly them, also under concurrent appends', async () => {
      const owner = await user('compact')
      const projectId = await project(owner)
      const log = createUpdateLog(db)
      const source = new Y.Doc()
      const appends: Promise<number>[] = []
      source.on('update', (update: Uint8Array) => {
        appends.push(log.append({ projectId, doc: 'discussion', update, userId: null, connectionId: 'c' }))
      })
      const compactions: Promise<unknown>[] = []
      for (let i = 0; i < 200; i++) {
        source.getArray('a').push([i])
        if (i % 40 === 0) {
          await Promise.all(appends)
          compactions.push(log.compact(projectId, 'discussion', { maxRows: 50 }))
        }
      }
      await Promise.all(appends)
      await Promise.all(compactions)
      const beforeFinal = await log.load(projectId, 'discussion')
      expect(beforeFinal.snapshotBytes).toBeGreaterThan(0)
      const result = await log.compact(projectId, 'discussion')
      expect(result.skipped).toBe(0)
      const after = await log.load(projectId, 'discussion')
      expect(after.logRows).toBe(0)
      expect(after.updates).toHaveLength(1)
      const copy = new Y.Doc()
      Y.applyUpdate(copy, after.updates[0] ?? new Uint8Array())
      expect(copy.getArray('a').toArray()).toEqual(source.getArray('a').toArray())
      expect(await log.compact(projectId, 'discussion')).toMatchObject({ rows: 0 })
    })

    it('[S12] many statements in flight on several connections at once all succeed', async () => {
      const owner = await user('parallel')
      const projectId = await project(owner)
      const results = await Promise.all(
        Array.from({ length: 80 }, (_, i) =>
          i % 2 === 0
            ? db
                .insert(yjsUpdates)
                .values({ projectId, doc: 'design', update: new Uint8Array([i]), connectionId: `p${i}` })
            : db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)),
        ),
      )
      expect(results).toHaveLength(80)
      expect(await db.select().from(yjsUpdates).where(eq(yjsUpdates.projectId, projectId))).toHaveLength(40)
    })

    it('[S11] foreign keys: no log rows for unknown projects; deleting a project cascades', async () => {
      const owner = await user('fk')
      const projectId = await project(owner)
      await expect(
        db
          .insert(yjsUpdates)
          .values({ projectId: 'prj_nope', doc: 'design', update: new Uint8Array([0, 0]), connectionId: 'c' }),
      ).rejects.toThrow()
      await expect(
        db
          .insert(yjsUpdates)
          .values({ projectId, doc: 'other' as 'design', update: new Uint8Array([0, 0]), connectionId: 'c' }),
      ).rejects.toThrow()
      await db
        .insert(yjsUpdates)
        .values({ projectId, doc: 'design', update: new Uint8Array([0, 0]), connectionId: 'c' })
      await db.delete(projects).where(eq(projects.id, projectId))
      expect(await db.select().from(yjsUpdates).where(eq(yjsUpdates.projectId, projectId))).toEqual([])
    })
  })
}
