import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { e2eSuite, shotsDir } from './e2e-suite'
import { signedUpPage } from './sign-up'

// End to end, as people use it: real Next app (production build), real collab server, real PostgreSQL, real
// Chromium. Screenshots of each step are kept in test-results/e2e/.
const suite = e2eSuite('e2e_editor')

function newUser(name: string): Promise<Page> {
  return signedUpPage(suite.browser, { baseUrl: suite.stack.baseUrl, name, contexts: suite.contexts })
}

async function shot(page: Page, step: string) {
  await page.screenshot({ path: join(shotsDir, `${step}.png`) })
}

async function openApiCanvas(page: Page, name: string) {
  await page.waitForSelector('[data-testid=editor]')
  await page.click('[data-testid=go-overview]')
  await openFromOverview(page, name)
}

/** Selects an overview box and opens its canvas from the properties panel. */
async function openFromOverview(page: Page, name: string) {
  await page.locator('.design-node', { hasText: name }).first().click()
  await page.click('[data-testid=open-canvas]')
  await expect.poll(() => page.locator('[data-testid=canvas-title]').textContent()).toContain(name)
}

/** Selects a box on the current canvas until its properties show (a click can land during a re-render). */
async function selectUntil(page: Page, node: string, shown: string) {
  await expect
    .poll(async () => {
      if ((await page.locator(shown).count()) > 0) return true
      await page.click(node)
      return (await page.locator(shown).count()) > 0
    })
    .toBe(true)
}

describe('the multiplayer editor', () => {
  test('two people design an API together; a viewer cannot edit; problems clear; undo is per user; renames propagate', async () => {
    const alice = await newUser('Alice')
    const bob = await newUser('Bob')
    const carol = await newUser('Carol')

    // Alice creates the project and invites Bob (editor) and Carol (viewer).
    await alice.fill('input[name=name]', 'Shop')
    await alice.click('text=Create project')
    await alice.waitForURL('**/projects/prj_*')
    const projectUrl = alice.url()
    await alice.waitForSelector('[data-testid=editor]')
    await alice.click('[data-testid=open-members]')
    for (const [email, role] of [
      ['bob@example.com', 'editor'],
      ['carol@example.com', 'viewer'],
    ] as const) {
      await alice.fill('[data-testid=member-email]', email)
      await alice.selectOption('[data-testid=member-role]', role)
      await alice.click('[data-testid=member-add]')
      await alice.waitForSelector(`[data-testid=members-panel] >> text=${email}`)
    }
    await shot(alice, '01-members')

    // REST API first: the dialog asks the API type before anything else.
    await alice.click('[data-testid=palette-new-api]')
    await alice.check('[data-testid="choice-type-REST (OpenAPI)"]')
    await alice.fill('[data-testid=dialog-name]', 'orders')
    await alice.click('[data-testid=dialog-submit]')
    await alice.waitForSelector('.design-node >> text=orders')
    await openApiCanvas(alice, 'orders')
    // The palette offers only what OpenAPI allows.
    await expect.poll(() => alice.locator('[data-testid=palette-rest-operation]').count()).toBe(1)
    expect(await alice.locator('[data-testid=palette-event-channel]').count()).toBe(0)
    await alice.click('[data-testid=palette-rest-operation]')
    await alice.check('[data-testid=choice-method-post]')
    await alice.fill('[data-testid=dialog-path]', '/orders')
    await alice.fill('[data-testid=dialog-operationId]', 'createOrder')
    await alice.click('[data-testid=dialog-submit]')
    const operationNode = '[data-testid="box-/paths/~1orders/post"]'
    await alice.waitForSelector(operationNode)
    await selectUntil(alice, operationNode, '[data-testid=operation-request-body]')
    const requestBody = {
      required: true,
      content: {
        'application/json': { schema: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
      },
    }
    await alice.fill('[data-testid=operation-request-body]', JSON.stringify(requestBody))
    await alice.click('[data-testid=operation-summary]')
    await shot(alice, '02-alice-post-orders')

    // Bob sees it live and adds a response; Alice sees Bob's response appear.
    await bob.goto(projectUrl)
    await bob.waitForSelector('[data-testid=editor]')
    await openApiCanvas(bob, 'orders')
    await bob.waitForSelector(operationNode)
    await selectUntil(bob, operationNode, '[data-testid=operation-request-body]')
    await expect.poll(() => bob.locator('[data-testid=operation-request-body]').inputValue()).toContain('sku')
    await bob.fill('[data-testid=new-response-status]', '201')
    await bob.click('[data-testid=add-response]')
    await alice.waitForSelector('[data-testid=response-201]')
    await shot(bob, '03-bob-adds-response')

    // Cursors: each sees the other's on the shared canvas.
    const canvasBox = await bob.locator('[data-testid=canvas]').boundingBox()
    if (!canvasBox) throw new Error('no canvas')
    await bob.mouse.move(canvasBox.x + 300, canvasBox.y + 300)
    await bob.mouse.move(canvasBox.x + 320, canvasBox.y + 310)
    await alice.waitForSelector('[data-testid=peer-cursor] >> text=Bob')
    await alice.mouse.move(canvasBox.x + 200, canvasBox.y + 200)
    await alice.mouse.move(canvasBox.x + 210, canvasBox.y + 220)
    await bob.waitForSelector('[data-testid=peer-cursor] >> text=Alice')
    await shot(alice, '04-cursors')

    // Carol (viewer) sees the same editor, read-only.
    await carol.goto(projectUrl)
    await carol.waitForSelector('[data-testid=read-only]')
    await openApiCanvas(carol, 'orders')
    expect(await carol.locator('[data-testid=palette-rest-operation]').isDisabled()).toBe(true)
    await selectUntil(carol, operationNode, '[data-testid=operation-summary]')
    expect(await carol.locator('[data-testid=operation-summary]').getAttribute('readonly')).not.toBeNull()
    await shot(carol, '05-viewer')

    // Per-user undo: Alice's edit is undone, Bob's concurrent one stays.
    await alice.fill('[data-testid=operation-summary]', 'Place an order')
    await alice.press('[data-testid=operation-summary]', 'Enter')
    await bob.waitForFunction(
      () =>
        (document.querySelector('[data-testid=operation-summary]') as HTMLInputElement | null)?.value ===
        'Place an order',
    )
    await bob.fill('[data-testid=new-response-status]', '409')
    await bob.click('[data-testid=add-response]')
    await alice.waitForSelector('[data-testid=response-409]')
    await alice.click('[data-testid=undo]')
    await expect.poll(() => alice.locator('[data-testid=operation-summary]').inputValue()).toBe('')
    await expect.poll(() => bob.locator('[data-testid=operation-summary]').inputValue()).toBe('')
    expect(await alice.locator('[data-testid=response-409]').count()).toBe(1)
    await shot(alice, '06-undo-own-edit')

    // The live preview of the REST API, by Scalar's renderer.
    await alice.click('[data-testid=open-preview]')
    await alice.waitForSelector('[data-testid=rest-preview] >> text=orders', { timeout: 60_000 })
    await shot(alice, '06b-rest-preview')
    await alice.click('[data-testid=close-preview]')

    // A database with a table, a process with a condition and a database node: problems show, then clear.
    await alice.click('[data-testid=go-overview]')
    await alice.click('[data-testid=palette-new-database]')
    await alice.fill('[data-testid=dialog-name]', 'orders-db')
    await alice.click('[data-testid=dialog-submit]')
    await alice.waitForSelector('[data-testid=database-form]')
    const tables = {
      orders: {
        columns: { id: { type: 'uuid', nullable: false }, sku: { type: 'text', nullable: false } },
        primaryKey: ['id'],
      },
    }
    await alice.fill('[data-testid=database-tables]', JSON.stringify(tables))
    await alice.click('[data-testid=database-name]')
    await alice.click('[data-testid=palette-new-process]')
    await alice.fill('[data-testid=dialog-name]', 'create-order')
    await alice.click('[data-testid=dialog-submit]')
    await openFromOverview(alice, 'create-order')
    await alice.waitForSelector('[data-testid=process-form]')
    await alice.click('[data-testid=palette-condition]')
    await alice.waitForSelector('[data-testid=node-form]')
    await alice.click('[data-testid=palette-database]')
    await alice.waitForSelector('[data-testid=node-database]')
    await alice.waitForSelector('[data-testid=problems] >> text=choose-a-database')
    await shot(alice, '07-process-problems')
    await alice.selectOption('[data-testid=node-database]', { label: 'orders-db' })
    await alice.fill('[data-testid=node-operation]', JSON.stringify({ op: 'find', table: 'orders' }))
    await alice.click('[data-testid=node-label]')
    await expect
      .poll(async () => (await alice.locator('[data-testid=problems]').textContent()) ?? '', { timeout: 20_000 })
      .not.toContain('choose-a-database')
    expect(await alice.locator('[data-testid=problems]').textContent()).not.toContain('choose_a_table')
    await shot(alice, '08-problems-cleared')

    // Renaming the database is seen by the process that uses it (references are by id).
    await alice.click('[data-testid=go-overview]')
    await alice.locator('.design-node', { hasText: 'orders-db' }).click()
    await alice.fill('[data-testid=database-name]', 'sales-db')
    await alice.press('[data-testid=database-name]', 'Enter')
    await bob.click('[data-testid=go-overview]')
    await openFromOverview(bob, 'create-order')
    await selectUntil(bob, '[data-testid=box-database]', '[data-testid=node-form] [data-testid=node-database]')
    await expect.poll(() => bob.locator('[data-testid=node-database] option:checked').textContent()).toBe('sales-db')
    await shot(bob, '09-rename-propagates')

    // Bob designs an Event API: a channel and a send operation on it; the AsyncAPI preview renders them.
    await bob.click('[data-testid=go-overview]')
    await bob.click('[data-testid=palette-new-api]')
    await bob.check('[data-testid="choice-type-Event / WebSocket (AsyncAPI)"]')
    await bob.fill('[data-testid=dialog-name]', 'order-events')
    await bob.click('[data-testid=dialog-submit]')
    await bob.waitForSelector('.design-node >> text=order-events')
    await openFromOverview(bob, 'order-events')
    await expect.poll(() => bob.locator('[data-testid=palette-event-channel]').count()).toBe(1)
    expect(await bob.locator('[data-testid=palette-rest-operation]').count()).toBe(0)
    await bob.click('[data-testid=palette-event-channel]')
    await bob.fill('[data-testid=dialog-id]', 'orderPlaced')
    await bob.fill('[data-testid=dialog-address]', 'orders/placed')
    await bob.click('[data-testid=dialog-submit]')
    await bob.waitForSelector('[data-testid="box-/channels/orderPlaced"]')
    await bob.click('[data-testid=palette-event-operation]')
    await bob.fill('[data-testid=dialog-id]', 'publishOrderPlaced')
    await bob.check('[data-testid=choice-action-send]')
    await bob.check('[data-testid=choice-channel-orderPlaced]')
    await bob.click('[data-testid=dialog-submit]')
    await bob.waitForSelector('[data-testid="box-/operations/publishOrderPlaced"]')
    await alice.click('[data-testid=go-overview]')
    await alice.waitForSelector('.design-node >> text=order-events')
    await bob.click('[data-testid=open-preview]')
    await bob.waitForSelector('[data-testid=event-preview] >> text=publishOrderPlaced', { timeout: 60_000 })
    await shot(bob, '10-event-api-preview')
    await bob.click('[data-testid=close-preview]')

    // A queue block, seen by the other person.
    await bob.click('[data-testid=go-overview]')
    await bob.click('[data-testid=palette-new-queue]')
    await bob.fill('[data-testid=dialog-name]', 'fulfilment')
    await bob.click('[data-testid=dialog-submit]')
    await bob.waitForSelector('[data-testid=queue-form]')
    await alice.waitForSelector('.design-node >> text=fulfilment')
    await shot(alice, '11-queue')
  }, 300_000)
})
