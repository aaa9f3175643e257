import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { e2eSuite, shotsDir } from './e2e-suite'
import { signedUpPage } from './sign-up'

// The discussion document end to end: real app, collab server, PostgreSQL and Chromium; screenshots in
// test-results/e2e/comments-*.png.
const suite = e2eSuite('e2e_comments')

function newUser(name: string): Promise<Page> {
  return signedUpPage(suite.browser, { baseUrl: suite.stack.baseUrl, name, contexts: suite.contexts })
}

const shot = (page: Page, step: string) => page.screenshot({ path: join(shotsDir, `comments-${step}.png`) })
const bodies = (page: Page) => page.locator('[data-testid=comment-body]').allTextContents()

describe('comments on the design', () => {
  test('a commenter discusses an element live with its owner, who resolves it; a viewer only reads; comments are not undone', async () => {
    const alice = await newUser('Alice')
    const dave = await newUser('Dave')
    const erin = await newUser('Erin')

    await alice.fill('input[name=name]', 'Reviewed')
    await alice.click('text=Create project')
    await alice.waitForURL('**/projects/prj_*')
    const projectUrl = alice.url()
    await alice.waitForSelector('[data-testid=editor]')
    await alice.click('[data-testid=open-members]')
    for (const [email, role] of [
      ['dave@example.com', 'commenter'],
      ['erin@example.com', 'viewer'],
    ] as const) {
      await alice.fill('[data-testid=member-email]', email)
      await alice.selectOption('[data-testid=member-role]', role)
      await alice.click('[data-testid=member-add]')
      await alice.waitForSelector(`[data-testid=members-panel] >> text=${email}`)
    }
    await alice.click('[data-testid=palette-new-database]')
    await alice.fill('[data-testid=dialog-name]', 'orders-db')
    await alice.click('[data-testid=dialog-submit]')
    await alice.waitForSelector('[data-testid=database-form]')

    // Alice opens a thread on the selected database.
    await alice.click('[data-testid=open-comments]')
    await expect.poll(() => alice.locator('.comment-new label').textContent()).toContain('orders-db')
    await alice.fill('[data-testid=comment-new-body]', 'Which isolation level do we need?')
    await alice.click('[data-testid=comment-new-submit]')
    await expect.poll(() => bodies(alice)).toEqual(['Which isolation level do we need?'])
    await expect.poll(() => alice.locator('[data-testid=open-comments]').textContent()).toBe('Comments (1)')
    await shot(alice, '01-alice-opens-thread')

    // Dave, a commenter, cannot change the design but sees the thread live and answers it.
    await dave.goto(projectUrl)
    await dave.waitForSelector('[data-testid=editor][data-readonly=true]')
    await expect.poll(() => dave.locator('[data-testid=open-comments]').textContent()).toBe('Comments (1)')
    await dave.click('[data-testid=open-comments]')
    await expect.poll(() => bodies(dave)).toEqual(['Which isolation level do we need?'])
    await dave.fill('[data-testid=thread-reply]', 'Read committed is enough')
    await dave.click('[data-testid=thread-reply-submit]')
    await dave.click('[data-testid=verdict-approve]')
    await expect.poll(() => bodies(alice)).toEqual(['Which isolation level do we need?', 'Read committed is enough'])
    await expect.poll(() => alice.locator('[data-testid=verdicts]').textContent()).toContain('Dave approved')
    await shot(dave, '02-dave-replies')

    // The anchor leads back to its element, selected.
    await alice.click('[data-testid=go-overview]')
    await alice.click('.canvas', { position: { x: 5, y: 5 } })
    await alice.click('[data-testid=thread-anchor]')
    await alice.waitForSelector('[data-testid=database-form]')

    // Comments never enter undo: Alice's undo takes back her database, not her comment.
    await alice.click('[data-testid=undo]')
    await expect.poll(() => alice.locator('.design-node', { hasText: 'orders-db' }).count()).toBe(0)
    await expect.poll(() => alice.locator('[data-testid=comment-thread]').count()).toBe(1)
    await alice.click('[data-testid=redo]')
    await alice.waitForSelector('.design-node >> text=orders-db')

    // Alice resolves; the thread leaves Dave's open list and shows as resolved when asked for.
    await alice.click('[data-testid=thread-resolve]')
    await expect.poll(() => dave.locator('[data-testid=open-comments]').textContent()).toBe('Comments (0)')
    await expect.poll(() => dave.locator('[data-testid=comment-thread]').count()).toBe(0)
    await dave.check('[data-testid=comments-show-resolved]')
    await expect
      .poll(() => dave.locator('[data-testid=comment-thread][data-status=resolved]').textContent())
      .toContain('resolved by Alice')
    await shot(dave, '03-resolved')

    // Erin, a viewer, reads the discussion and has nothing to write with.
    await erin.goto(projectUrl)
    await erin.waitForSelector('[data-testid=editor][data-readonly=true]')
    await erin.click('[data-testid=open-comments]')
    await erin.waitForSelector('[data-testid=comments-read-only]')
    await erin.check('[data-testid=comments-show-resolved]')
    await expect.poll(() => bodies(erin)).toEqual(['Which isolation level do we need?', 'Read committed is enough'])
    expect(await erin.locator('[data-testid=thread-reply], [data-testid=verdict-approve]').count()).toBe(0)
    await shot(erin, '04-viewer-reads')
  }, 300_000)
})
