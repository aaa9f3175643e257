import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { totpCode } from '../../lib/service/web-accounts'
import { e2eSuite, shotsDir } from './e2e-suite'
import { signUp } from './sign-up'

// Accounts end to end: real Next app (production build), real collab server, real PostgreSQL, real Chromium.
// Screenshots of each step go to test-results/e2e/accounts-*.png.
const suite = e2eSuite('e2e_accounts')

async function newPage(): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 860 } })
  suite.contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  return page
}

async function shot(page: Page, step: string) {
  await page.screenshot({ path: join(shotsDir, `accounts-${step}.png`), fullPage: true })
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${suite.stack.baseUrl}/signin`)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
}

/** expect.poll with room for a loaded machine (scrypt, a cold route); vitest's default gives up after 1 s. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 })

const email = 'alice@example.com'
const firstPassword = 'correct horse battery'
const secondPassword = 'staple battery horse'

describe('accounts, organizations and the dashboard', () => {
  test('sign-up → 2FA → sign-in with a code → password change ends the other session → org → example project → rename → archive → search', async () => {
    const alice = await newPage()
    await alice.goto(`${suite.stack.baseUrl}/signup`)
    await alice.fill('input[name=name]', 'Alice')
    await alice.fill('input[name=email]', email)
    await alice.fill('input[name=password]', firstPassword)
    await alice.click('button[type=submit]')
    await alice.waitForURL('**/projects')
    await shot(alice, '01-signed-up')

    // Two-factor enrolment: the setup key is shown; an authenticator (here: our RFC 6238 code) confirms it.
    await alice.click('[data-testid=account-link]')
    await alice.waitForURL('**/account')
    await alice.click('[data-testid=two-factor-start]')
    const secret = (await alice.locator('[data-testid=totp-secret]').textContent()) ?? ''
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(await alice.locator('[data-testid=totp-uri]').getAttribute('href')).toContain(`secret=${secret}`)
    await alice.fill('[data-testid=totp-confirm-code]', totpCode(secret, new Date()))
    await alice.click('[data-testid=totp-confirm]')
    await alice.waitForSelector('[data-testid=recovery-codes]')
    const recoveryCodes = await alice.locator('[data-testid=recovery-codes] li').allTextContents()
    expect(recoveryCodes).toHaveLength(10)
    await shot(alice, '02-two-factor-on')

    // Sign out; signing in again asks for the code.
    await alice.goto(`${suite.stack.baseUrl}/projects`)
    await alice.click('text=Sign out')
    await alice.waitForURL('**/signin**')
    await signIn(alice, email, firstPassword)
    await poll(async () => alice.locator('[data-testid=signin-error]').textContent()).toContain(
      'Two-factor code required',
    )
    await shot(alice, '03-code-required')
    // The confirmation spent the current step's code: the next step's (accepted within ±1 step) is fresh.
    await alice.fill('[data-testid=signin-code]', totpCode(secret, new Date(Date.now() + 30_000)))
    await alice.click('button[type=submit]')
    await alice.waitForURL('**/projects')
    await shot(alice, '04-signed-in-with-code')

    // A second session (another browser), signed in with a recovery code.
    const elsewhere = await newPage()
    await signIn(elsewhere, email, firstPassword)
    await elsewhere.waitForSelector('[data-testid=signin-code]')
    await elsewhere.fill('[data-testid=signin-code]', recoveryCodes[0] ?? '')
    await elsewhere.click('button[type=submit]')
    await elsewhere.waitForURL('**/projects')

    // The password change ends the other session; this one stays signed in.
    await alice.goto(`${suite.stack.baseUrl}/account`)
    await alice.fill('input[name=currentPassword]', firstPassword)
    await alice.fill('input[name=newPassword]', secondPassword)
    await alice.click('[data-testid=change-password]')
    await poll(async () => alice.locator('[data-testid=password-message]').textContent()).toContain('Password changed')
    await shot(alice, '05-password-changed')
    await elsewhere.goto(`${suite.stack.baseUrl}/projects`)
    await elsewhere.waitForURL('**/signin**')
    await shot(elsewhere, '06-other-session-ended')
    await alice.goto(`${suite.stack.baseUrl}/projects`)
    await alice.waitForSelector('[data-testid=project-search]')

    // An organization.
    await alice.goto(`${suite.stack.baseUrl}/orgs`)
    await alice.fill('input[name=orgName]', 'Acme')
    await alice.click('[data-testid=create-org]')
    await alice.waitForURL('**/orgs/org_*')
    await poll(async () => alice.locator('[data-testid=org-name]').textContent()).toBe('Acme')
    await shot(alice, '07-organization')

    // Invite Bob by link (no email is sent); he signs up from the link and accepts.
    await alice.fill('input[name=inviteEmail]', 'bob@example.com')
    await alice.click('[data-testid=invite]')
    const inviteUrl = (await alice.locator('[data-testid=invite-url]').textContent()) ?? ''
    expect(inviteUrl).toContain('/orgs/join?token=bpi_')
    const bob = await newPage()
    await bob.goto(inviteUrl)
    await bob.click('text=sign up')
    await bob.waitForURL('**/signup?callbackUrl=**')
    await bob.fill('input[name=name]', 'Bob')
    await bob.fill('input[name=email]', 'bob@example.com')
    await bob.fill('input[name=password]', firstPassword)
    await bob.click('button[type=submit]')
    await bob.waitForURL('**/orgs/join?token=**')
    await bob.click('[data-testid=accept-invitation]')
    await bob.waitForURL('**/orgs/org_*')
    await poll(async () => bob.locator('[data-testid=org-members]').textContent()).toContain('alice@example.com')
    await shot(bob, '07b-invitation-accepted')

    // A blank project, then one from the shop example in Acme.
    await alice.goto(`${suite.stack.baseUrl}/projects`)
    await alice.fill('input[name=name]', 'Notes')
    await alice.click('text=Create project')
    await alice.waitForURL('**/projects/prj_*')
    await alice.goto(`${suite.stack.baseUrl}/projects`)
    await alice.fill('input[name=name]', 'Shop demo')
    await alice.selectOption('[data-testid=new-project-template]', 'shop')
    await alice.selectOption('[data-testid=new-project-org]', { label: 'in Acme' })
    await alice.click('text=Create project')
    await alice.waitForURL('**/projects/prj_*')
    await alice.waitForSelector('[data-testid=editor]', { timeout: 30_000 })
    await alice.waitForSelector('.design-node >> text=orders', { timeout: 30_000 })
    await shot(alice, '08-example-project')

    // Rename, archive, search on the dashboard.
    await alice.goto(`${suite.stack.baseUrl}/projects`)
    const shop = alice.locator('[data-testid=project-row]', { hasText: 'Shop demo' })
    await poll(async () => shop.locator('text=Acme').count()).toBe(1)
    await shop.locator('[data-testid=project-rename]').click()
    await shop.locator('[data-testid=rename-input]').fill('Storefront')
    await shop.locator('[data-testid=rename-save]').click()
    const store = alice.locator('[data-testid=project-row]', { hasText: 'Storefront' })
    await poll(async () => store.count()).toBe(1)
    await store.locator('[data-testid=project-archive]').click()
    await poll(async () => store.count()).toBe(0)
    await alice.check('[data-testid=show-archived]')
    await poll(async () => store.locator('[data-testid=archived-badge]').count()).toBe(1)
    await shot(alice, '09-renamed-archived')

    await alice.fill('[data-testid=project-search]', 'store')
    await poll(async () =>
      alice.locator('[data-testid=project-row] [data-testid=project-link]').allTextContents(),
    ).toEqual(['Storefront'])
    await alice.fill('[data-testid=project-search]', 'NOTES')
    await poll(async () =>
      alice.locator('[data-testid=project-row] [data-testid=project-link]').allTextContents(),
    ).toEqual(['Notes'])
    await alice.fill('[data-testid=project-search]', 'nothing like it')
    await alice.waitForSelector('[data-testid=no-match]')
    await alice.fill('[data-testid=project-search]', 'store')
    await shot(alice, '10-search')

    // The rename and archive are what the server has (a reload shows them).
    await alice.reload()
    await alice.check('[data-testid=show-archived]')
    await poll(async () => store.locator('[data-testid=archived-badge]').count()).toBe(1)
  }, 300_000)

  test('API tokens: created on the account page (shown once), used by a script, limited to one project, revoked', async () => {
    const tina = await newPage()
    await signUp(tina, suite.stack.baseUrl, 'Tina')
    const projectIds: string[] = []
    for (const name of ['Scripted', 'Other']) {
      await tina.goto(`${suite.stack.baseUrl}/projects`)
      await tina.fill('input[name=name]', name)
      await tina.click('text=Create project')
      await tina.waitForURL('**/projects/prj_*')
      projectIds.push(new URL(tina.url()).pathname.split('/')[2] ?? '')
    }
    const [scripted = '', other = ''] = projectIds

    await tina.goto(`${suite.stack.baseUrl}/account`)
    await tina.fill('[data-testid=api-token-name]', 'CI deploy')
    await tina.selectOption('[data-testid=api-token-project]', { label: 'Only Scripted' })
    await tina.selectOption('[data-testid=api-token-lifetime]', { label: '30 days' })
    await tina.click('[data-testid=api-token-create]')
    const token = (await tina.locator('[data-testid=api-token-value]').textContent()) ?? ''
    expect(token).toMatch(/^bpt_/)
    const row = tina.locator('[data-testid=api-token-row]', { hasText: 'CI deploy' })
    await poll(async () => row.textContent()).toContain('Scripted')
    expect(await row.textContent()).toContain(token.slice(0, 10))
    await shot(tina, '11-api-token-created')

    // What a script does with it: the project it is limited to answers, the other one and the account refuse.
    const get = (path: string) =>
      fetch(`${suite.stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
    expect((await get(`/api/v1/projects/${scripted}`)).status).toBe(200)
    expect((await get(`/api/v1/projects/${other}`)).status).toBe(403)
    expect((await get('/api/v1/account/api-tokens')).status).toBe(403)

    // A reload lists it with its last use and without the token; revoking stops the script at once.
    await tina.reload()
    await poll(async () => row.locator('[data-testid=api-token-last-used]').textContent()).not.toBe('—')
    expect(await tina.locator('[data-testid=api-token-list]').textContent()).not.toContain(token)
    tina.once('dialog', (dialog) => void dialog.accept())
    await row.locator('text=Revoke').click()
    await poll(async () => row.count()).toBe(0)
    await shot(tina, '12-api-token-revoked')
    expect((await get(`/api/v1/projects/${scripted}`)).status).toBe(401)
  }, 300_000)
})
