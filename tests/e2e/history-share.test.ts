import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { e2eSuite, shotsDir } from './e2e-suite'
import { signedUpPage } from './sign-up'

// Commit, history with restore, and read-only share links end to end: real app, collab server, PostgreSQL and
// Chromium; screenshots in test-results/e2e/history-share-*.png.
const suite = e2eSuite('e2e_history_share')

const shot = (page: Page, step: string) => page.screenshot({ path: join(shotsDir, `history-share-${step}.png`) })
const boxes = (page: Page) => page.locator('.design-node').allTextContents()

async function create(page: Page, kind: 'database' | 'queue', name: string) {
  await page.click(`[data-testid=palette-new-${kind}]`)
  await page.fill('[data-testid=dialog-name]', name)
  await page.click('[data-testid=dialog-submit]')
  await page.waitForSelector(`.design-node >> text=${name}`)
}

describe('history and share links', () => {
  test('commit, change, restore from history as a live edit; a share link opens the project read-only without an account until revoked', async () => {
    const owner = await signedUpPage(suite.browser, {
      baseUrl: suite.stack.baseUrl,
      name: 'Hana',
      contexts: suite.contexts,
    })
    await owner.fill('input[name=name]', 'Shared shop')
    await owner.click('text=Create project')
    await owner.waitForURL('**/projects/prj_*')
    await owner.waitForSelector('[data-testid=editor]')
    await create(owner, 'database', 'orders-db')

    await owner.click('[data-testid=open-commit]')
    await owner.fill('[data-testid=commit-message]', 'Only the database')
    await owner.click('[data-testid=commit-submit]')
    await owner.waitForSelector('[data-testid=commit-panel] >> text=Committed')

    // A change after the commit, then a restore of the commit: the queue goes, live, and the restore is no rewrite.
    await create(owner, 'queue', 'jobs')
    await owner.click('[data-testid=open-history]')
    await owner.waitForSelector('[data-testid=history-panel] >> text=Only the database')
    await owner.click('[data-testid=history-restore]')
    const outcome = owner.locator('[data-testid=history-restored], [data-testid=history-panel] .error')
    await outcome.first().waitFor()
    expect(await outcome.first().textContent()).toContain('Restored “Only the database”')
    await expect.poll(() => boxes(owner), { timeout: 20_000 }).not.toContainEqual(expect.stringContaining('jobs'))
    expect(await boxes(owner)).toContainEqual(expect.stringContaining('orders-db'))
    await shot(owner, '01-restored')

    // A read-only share link, opened in a browser with no account.
    await owner.click('[data-testid=open-share]')
    await owner.click('[data-testid=share-create]')
    const url = (await owner.locator('[data-testid=share-url]').textContent()) ?? ''
    expect(url).toMatch(/\/share\/bps_/)
    const guestContext = await suite.browser.newContext({ viewport: { width: 1400, height: 900 } })
    suite.contexts.push(guestContext)
    const guest = await guestContext.newPage()
    guest.setDefaultTimeout(20_000)
    await guest.goto(url)
    await guest.waitForSelector('[data-testid=read-only]')
    await expect.poll(() => boxes(guest), { timeout: 20_000 }).toContainEqual(expect.stringContaining('orders-db'))
    expect(await guest.locator('[data-testid=palette-new-queue]').isDisabled()).toBe(true)
    // The owner's next edit reaches the guest live.
    await create(owner, 'queue', 'emails')
    await expect.poll(() => boxes(guest), { timeout: 20_000 }).toContainEqual(expect.stringContaining('emails'))
    await shot(guest, '02-guest-read-only')

    // Revoked: the link stops working (a fresh visit says so).
    await owner.click('[data-testid=open-share]')
    await owner.click('[data-testid=share-revoke]')
    await owner.waitForSelector('[data-testid=share-panel] >> text=revoked')
    await guest.goto(url)
    await guest.waitForSelector('text=This share link does not work any more')
    await shot(guest, '03-revoked')
  }, 300_000)
})
