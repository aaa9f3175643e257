import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db, migrate, organizationMembers, projects } from '../../lib/db'
import { twoFactorRecoveryCodes } from '../../lib/db/web-schema'
import {
  createOrganization,
  createProject,
  createUser,
  getOrganizationRole,
  getUserById,
  type PublicUser,
} from '../../lib/service/accounts'
import {
  acceptInvitation,
  apiNameFromFileName,
  changeOrganizationMemberRole,
  confirmTwoFactor,
  createInvitation,
  deleteProject,
  disableTwoFactor,
  getTwoFactorStatus,
  leaveOrganization,
  listInvitations,
  listOrganizationMembers,
  previewInvitation,
  removeOrganizationMemberAs,
  revokeInvitation,
  signInWithOAuth,
  specProjectEntries,
  startTwoFactorEnrollment,
  totpCode,
  verifySecondFactor,
} from '../../lib/service/web-accounts'
import { createTestDatabase, type TestDatabase } from '../harness/env'

// The web-accounts service against the run's real PostgreSQL, migrated with drizzle/ (web tables included).
let database: TestDatabase
let db: Db
let close: () => Promise<void>
let seq = 0

async function user(tag: string): Promise<PublicUser> {
  const result = await createUser(db, {
    email: `${tag}-${++seq}@example.com`,
    name: tag,
    password: 'correct horse battery',
    scrypt: { logN: 10, r: 8, p: 1 },
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

beforeAll(async () => {
  database = await createTestDatabase('web_accounts')
  const conn = createDb(database.url, { max: 4 })
  db = conn.db
  close = () => conn.close()
  await migrate(db)
})
afterAll(async () => {
  await close?.()
  await database?.drop()
})

describe('two-factor (TOTP + recovery codes)', () => {
  it('enrols, confirms with a code, returns 10 recovery codes stored hashed, then requires a code once per step', async () => {
    const ada = await user('ada')
    expect(await getTwoFactorStatus(db, ada.id)).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 })
    expect(await verifySecondFactor(db, { userId: ada.id, code: '' })).toEqual({ ok: true, required: false })

    const started = await startTwoFactorEnrollment(db, { userId: ada.id, account: ada.email })
    if (!started.ok) throw new Error(started.error.message)
    expect(started.value.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(started.value.uri).toContain(`secret=${started.value.secret}`)
    // Pending: sign-in does not ask yet.
    expect((await getTwoFactorStatus(db, ada.id)).pending).toBe(true)
    expect(await verifySecondFactor(db, { userId: ada.id, code: '' })).toEqual({ ok: true, required: false })

    const t0 = new Date(1_800_000_000_000)
    const wrong = await confirmTwoFactor(db, { userId: ada.id, code: '000000', now: t0 })
    expect(wrong.ok || wrong.error.code).toBe(totpCode(started.value.secret, t0) === '000000' || 'invalid-code')
    const confirmed = await confirmTwoFactor(db, { userId: ada.id, code: totpCode(started.value.secret, t0), now: t0 })
    if (!confirmed.ok) throw new Error(confirmed.error.message)
    const codes = confirmed.value.recoveryCodes
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    const stored = await db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, ada.id))
    expect(stored).toHaveLength(10)
    for (const row of stored) expect(codes).not.toContain(row.codeHash)
    expect(await getTwoFactorStatus(db, ada.id)).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 })

    // The confirmation code's step is spent; the next step's code works once.
    expect(
      (await verifySecondFactor(db, { userId: ada.id, code: totpCode(started.value.secret, t0), now: t0 })).ok,
    ).toBe(false)
    const t1 = new Date(t0.getTime() + 30_000)
    const next = totpCode(started.value.secret, t1)
    expect(await verifySecondFactor(db, { userId: ada.id, code: next, now: t1 })).toEqual({
      ok: true,
      required: true,
      used: 'totp',
    })
    expect((await verifySecondFactor(db, { userId: ada.id, code: next, now: t1 })).ok).toBe(false)
    expect((await verifySecondFactor(db, { userId: ada.id, code: '', now: t1 })).ok).toBe(false)

    // A recovery code works once, typed in any case and without its dash.
    const [first = ''] = codes
    expect(
      await verifySecondFactor(db, { userId: ada.id, code: first.replace('-', '').toUpperCase(), now: t1 }),
    ).toEqual({ ok: true, required: true, used: 'recovery-code' })
    expect((await verifySecondFactor(db, { userId: ada.id, code: first, now: t1 })).ok).toBe(false)
    expect((await getTwoFactorStatus(db, ada.id)).recoveryCodesLeft).toBe(9)

    // Restarting enrolment while on is refused; disabling needs a valid code.
    const restart = await startTwoFactorEnrollment(db, { userId: ada.id, account: ada.email })
    expect(restart.ok || restart.error.code).toBe('two-factor-already-enabled')
    const badDisable = await disableTwoFactor(db, { userId: ada.id, code: first, now: t1 })
    expect(badDisable.ok || badDisable.error.code).toBe('invalid-code')
    const disabled = await disableTwoFactor(db, { userId: ada.id, code: codes[1] ?? '', now: t1 })
    expect(disabled.ok).toBe(true)
    expect(await getTwoFactorStatus(db, ada.id)).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 })
    expect(await verifySecondFactor(db, { userId: ada.id, code: '' })).toEqual({ ok: true, required: false })
  })
})

describe('organizations: invitations, roles, leave, remove', () => {
  it('an owner invites by email; only that email accepts, once; revoked and expired links refuse', async () => {
    const owner = await user('owner')
    const bob = await user('bob')
    const eve = await user('eve')
    const org = await createOrganization(db, { name: 'Acme', ownerId: owner.id })
    if (!org.ok) throw new Error(org.error.message)
    const orgId = org.value.id

    const invited = await createInvitation(db, {
      orgId,
      email: ` ${bob.email.toUpperCase()} `,
      role: 'admin',
      invitedBy: owner.id,
    })
    if (!invited.ok) throw new Error(invited.error.message)
    expect(invited.value.token).toMatch(/^bpi_/)
    expect(invited.value.invitation.email).toBe(bob.email)
    expect((await listInvitations(db, orgId)).map((i) => i.id)).toEqual([invited.value.invitation.id])
    const preview = await previewInvitation(db, { token: invited.value.token })
    expect(preview).toMatchObject({ orgName: 'Acme', unusable: null })

    const wrong = await acceptInvitation(db, { token: invited.value.token, userId: eve.id })
    expect(wrong.ok || wrong.error.code).toBe('wrong-account')
    const accepted = await acceptInvitation(db, { token: invited.value.token, userId: bob.id })
    expect(accepted).toEqual({ ok: true, value: { orgId, role: 'admin' } })
    expect(await getOrganizationRole(db, orgId, bob.id)).toBe('admin')
    const again = await acceptInvitation(db, { token: invited.value.token, userId: bob.id })
    expect(again.ok || again.error.code).toBe('invitation-unusable')
    expect(await listInvitations(db, orgId)).toEqual([])

    const forEve = await createInvitation(db, { orgId, email: eve.email, role: 'member', invitedBy: bob.id })
    if (!forEve.ok) throw new Error(forEve.error.message)
    await revokeInvitation(db, { orgId, invitationId: forEve.value.invitation.id })
    const revoked = await acceptInvitation(db, { token: forEve.value.token, userId: eve.id })
    expect(revoked.ok || revoked.error.code).toBe('invitation-unusable')
    const late = await createInvitation(db, {
      orgId,
      email: eve.email,
      role: 'member',
      invitedBy: owner.id,
      now: new Date(0),
    })
    if (!late.ok) throw new Error(late.error.message)
    expect((await previewInvitation(db, { token: late.value.token }))?.unusable).toBe('expired')
    expect((await acceptInvitation(db, { token: 'bpi_nope', userId: eve.id })).ok).toBe(false)

    // Admins cannot invite owners; members cannot invite; personal organizations take no one.
    const adminOwner = await createInvitation(db, { orgId, email: eve.email, role: 'owner', invitedBy: bob.id })
    expect(adminOwner.ok || adminOwner.error.code).toBe('forbidden')
    const personal = await createInvitation(db, {
      orgId: owner.personalOrgId ?? '',
      email: eve.email,
      role: 'member',
      invitedBy: owner.id,
    })
    expect(personal.ok || personal.error.code).toBe('personal-organization')
  })

  it('admins manage members but not owners; the last owner stays; leaving keeps the session, removal ends it', async () => {
    const owner = await user('boss')
    const admin = await user('admin')
    const member = await user('member')
    const org = await createOrganization(db, { name: 'Team', ownerId: owner.id })
    if (!org.ok) throw new Error(org.error.message)
    const orgId = org.value.id
    await db.insert(organizationMembers).values([
      { orgId, userId: admin.id, role: 'admin' },
      { orgId, userId: member.id, role: 'member' },
    ])

    const demoteOwner = await changeOrganizationMemberRole(db, {
      orgId,
      actorId: admin.id,
      userId: owner.id,
      role: 'member',
    })
    expect(demoteOwner.ok || demoteOwner.error.code).toBe('forbidden')
    const byMember = await removeOrganizationMemberAs(db, { orgId, actorId: member.id, userId: admin.id })
    expect(byMember.ok || byMember.error.code).toBe('forbidden')
    const lastOwner = await changeOrganizationMemberRole(db, {
      orgId,
      actorId: owner.id,
      userId: owner.id,
      role: 'admin',
    })
    expect(lastOwner.ok || lastOwner.error.code).toBe('last-owner')
    const ownerLeaves = await leaveOrganization(db, { orgId, userId: owner.id })
    expect(ownerLeaves.ok || ownerLeaves.error.code).toBe('last-owner')
    const personalLeave = await leaveOrganization(db, { orgId: member.personalOrgId ?? '', userId: member.id })
    expect(personalLeave.ok || personalLeave.error.code).toBe('personal-organization')

    expect(
      (await changeOrganizationMemberRole(db, { orgId, actorId: admin.id, userId: member.id, role: 'admin' })).ok,
    ).toBe(true)
    expect(await getOrganizationRole(db, orgId, member.id)).toBe('admin')

    const before = (await getUserById(db, member.id))?.sessionVersion
    expect((await leaveOrganization(db, { orgId, userId: member.id })).ok).toBe(true)
    expect((await getUserById(db, member.id))?.sessionVersion).toBe(before)

    const adminVersion = (await getUserById(db, admin.id))?.sessionVersion ?? 0
    expect((await removeOrganizationMemberAs(db, { orgId, actorId: owner.id, userId: admin.id })).ok).toBe(true)
    expect((await getUserById(db, admin.id))?.sessionVersion).toBe(adminVersion + 1)
    expect((await listOrganizationMembers(db, orgId)).map((m) => m.userId)).toEqual([owner.id])
  })
})

describe('OAuth sign-in', () => {
  it('links by verified email, creates a user with a personal organization, and refuses unverified emails', async () => {
    const existing = await user('octo')
    const linked = await signInWithOAuth(db, {
      provider: 'github',
      providerAccountId: '42',
      email: existing.email.toUpperCase(),
      emailVerified: true,
      name: 'Octo',
    })
    expect(linked).toMatchObject({ ok: true, value: { id: existing.id, created: false } })
    // Later sign-ins go by the link, whatever email the provider reports now.
    const byLink = await signInWithOAuth(db, {
      provider: 'github',
      providerAccountId: '42',
      email: null,
      emailVerified: false,
      name: 'Octo',
    })
    expect(byLink).toMatchObject({ ok: true, value: { id: existing.id } })

    const unverified = await signInWithOAuth(db, {
      provider: 'google',
      providerAccountId: 'g-1',
      email: existing.email,
      emailVerified: false,
      name: 'Mallory',
    })
    expect(unverified.ok || unverified.error.code).toBe('email-unverified')

    const fresh = await signInWithOAuth(db, {
      provider: 'google',
      providerAccountId: 'g-2',
      email: 'new-oauth@example.com',
      emailVerified: true,
      name: 'New Person',
    })
    if (!fresh.ok) throw new Error(fresh.error.message)
    expect(fresh.value.created).toBe(true)
    expect(fresh.value.personalOrgId).toMatch(/^org_/)
    expect(await getOrganizationRole(db, fresh.value.personalOrgId ?? '', fresh.value.id)).toBe('owner')
  })
})

describe('projects: typed-name delete, single-spec projects', () => {
  it('deletes only when the typed name matches', async () => {
    const owner = await user('deleter')
    const project = await createProject(db, { orgId: owner.personalOrgId ?? '', name: 'Payments', ownerId: owner.id })
    if (!project.ok) throw new Error(project.error.message)
    const id = project.value.id
    const mismatch = await deleteProject(db, { projectId: id, confirmName: 'payments' })
    expect(mismatch.ok || mismatch.error.code).toBe('confirmation-mismatch')
    expect(await db.select().from(projects).where(eq(projects.id, id))).toHaveLength(1)
    expect((await deleteProject(db, { projectId: id, confirmName: ' Payments ' })).ok).toBe(true)
    expect(await db.select().from(projects).where(eq(projects.id, id))).toHaveLength(0)
    const gone = await deleteProject(db, { projectId: id, confirmName: 'Payments' })
    expect(gone.ok || gone.error.code).toBe('not-found')
  })

  it('wraps one OpenAPI or AsyncAPI file into a project folder, and refuses what is not a spec', () => {
    expect(apiNameFromFileName('Orders API.openapi.yaml')).toBe('orders-api')
    expect(apiNameFromFileName('2024_pets.json')).toBe('pets')
    const openapi = 'openapi: 3.1.0\ninfo:\n  title: Pets\n  version: 1.0.0\npaths: {}\n'
    const result = specProjectEntries({ fileName: 'pets.yaml', text: openapi, projectName: 'Pets' })
    if (!result.ok) throw new Error(result.error.message)
    const files = Object.fromEntries(result.value.map((e) => [e.path, new TextDecoder().decode(e.bytes)]))
    expect(Object.keys(files).sort()).toEqual(['apis/pets.openapi.yaml', 'backplane.json', 'canvas.json'])
    const manifest = JSON.parse(files['backplane.json'] ?? '{}') as { name: string; apis: Record<string, unknown> }
    expect(manifest.name).toBe('Pets')
    expect(manifest.apis.pets).toMatchObject({ type: 'rest', file: 'apis/pets.openapi.yaml' })
    const asyncapi = '{"asyncapi":"3.0.0","info":{"title":"Chat","version":"1"}}'
    const events = specProjectEntries({ fileName: 'chat.json', text: asyncapi, projectName: 'Chat' })
    expect(events.ok && events.value.map((e) => e.path)).toContain('apis/chat.asyncapi.json')
    const bad = specProjectEntries({ fileName: 'notes.yaml', text: 'hello: world\n', projectName: 'x' })
    expect(bad.ok || bad.error.code).toBe('invalid-archive')
    expect(bad.ok || (bad.error.problems ?? []).length).toBeGreaterThan(0)
  })
})
