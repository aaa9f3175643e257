import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { zipSync } from 'fflate'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readFolder } from '../doc/shop-files'
import { launchChromium } from '../harness/chromium'
import { startWebStack, type WebStack } from '../harness/web-stack'
import { signUp } from './sign-up'

// Issue 5's "done when", in the browser: the real app, collab server, PostgreSQL, Temporal dev server and worker.
// The shop's warehouse is a local HTTP server (the only stand-in: warehouse.example.com is not reachable here);
// retries are 100 ms so a failing delivery reaches the dead letters in about a second. Screenshots: runs-*.png.
const root = resolve(import.meta.dirname, '..', '..')
const shots = join(root, 'test-results', 'e2e')
const work = join(root, 'test-results', 'e2e-runs-files')
mkdirSync(shots, { recursive: true })
mkdirSync(work, { recursive: true })
const token = 'Bearer e2e-warehouse'

let stack: WebStack
let browser: Browser
let context: BrowserContext
let warehouse: Server
let warehouseUp = false
const shipments: string[] = []

beforeAll(async () => {
  warehouse = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const ok = warehouseUp && req.url === '/v1/shipments' && req.headers.authorization === token
      if (ok) shipments.push(String(req.headers['idempotency-key']))
      res.writeHead(ok ? 201 : 500, { 'content-type': 'application/json' })
      res.end(ok ? JSON.stringify({ shipmentId: `shp_${shipments.length}` }) : '{"error":"warehouse down"}')
    })
  })
  await new Promise<void>((done) => warehouse.listen(0, '127.0.0.1', done))
  stack = await startWebStack('e2e_runs', { runtime: true })
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await context?.close().catch(() => {})
  await browser?.close()
  await stack?.stop()
  warehouse?.close()
})

const shot = (page: Page, step: string) => page.screenshot({ path: join(shots, `runs-${step}.png`) })

/** The shop example, its warehouse at the local server, 100 ms retries, zipped as a user would upload it. */
function shopZip(): string {
  const files = readFolder(join(root, 'examples', 'shop'))
  const fastRetry = { maxAttempts: 2, interval: '100ms', backoffRate: 1, maxDelay: '200ms', jitter: 'none' }
  const fulfil = JSON.parse(files['processes/fulfil-order.process.json'] as string)
  fulfil.nodes.ship.url = `http://127.0.0.1:${(warehouse.address() as AddressInfo).port}/v1/shipments`
  fulfil.nodes.ship.retry = [{ ...fastRetry, errors: ['network', 'status.5xx', 'timeout'] }]
  files['processes/fulfil-order.process.json'] = `${JSON.stringify(fulfil, null, 2)}\n`
  // A project id of its own: test stacks share one Temporal server, and consumer gates and schedules are keyed by
  // project (the runtime API test imports the shop with its manifest id too).
  const manifest = JSON.parse(files['backplane.json'] as string)
  manifest.id = `prj_e2eRuns${Date.now()}`
  files['backplane.json'] = `${JSON.stringify(manifest, null, 2)}\n`
  const queue = JSON.parse(files['infra/queues/fulfilment.queue.json'] as string)
  queue.retry = fastRetry
  files['infra/queues/fulfilment.queue.json'] = `${JSON.stringify(queue, null, 2)}\n`
  const path = join(work, 'shop.zip')
  writeFileSync(
    path,
    zipSync(Object.fromEntries(Object.entries(files).map(([p, text]) => [p, new TextEncoder().encode(text)]))),
  )
  return path
}

describe('running processes from the editor', () => {
  test('deploy the shop, place an order with a test run watched node by node, see the failed delivery in the dead letters, replay it', async () => {
    context = await browser.newContext({ viewport: { width: 1500, height: 950 } })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    await signUp(page, stack.baseUrl, 'Gus')
    await page.click('text=Import a project')
    await page.setInputFiles('[data-testid=import-file]', shopZip())
    await page.waitForURL('**/projects/prj_*')
    const projectUrl = page.url().split('?')[0] as string
    await page.waitForSelector('.design-node >> text=create-order')

    // Commit, then set development up: the warehouse is on loopback, and its token is a secret.
    await page.click('[data-testid=open-commit]')
    await page.fill('[data-testid=commit-message]', 'The shop')
    await page.click('[data-testid=commit-submit]')
    await page.waitForSelector('[data-testid=commit-panel] >> text=Committed')
    await page.click('[data-testid=open-deploy]')
    await page.waitForSelector('[data-testid=env-private-network]')
    await page.click('[data-testid=env-private-network]')
    await expect.poll(() => page.isChecked('[data-testid=env-private-network]')).toBe(true)
    await page.fill('[data-testid=secret-name]', 'WAREHOUSE_TOKEN')
    await page.fill('[data-testid=secret-value]', token)
    await page.click('[data-testid=secret-save]')
    await page.waitForSelector('[data-testid=secret-list] >> text=WAREHOUSE_TOKEN')
    expect(await page.locator('[data-testid=deploy-panel]').textContent()).not.toContain(token)

    // Deploy: the migration is shown first, then applied.
    await page.click('[data-testid=deploy-dry-run]')
    await expect.poll(() => page.locator('[data-testid=deploy-migration]').textContent()).toContain('create table')
    await shot(page, '01-migration')
    await page.click('[data-testid=deploy-submit]')
    await expect.poll(() => page.locator('[data-testid=deploy-message]').textContent()).toContain('Deployed')
    await expect.poll(() => page.locator('[data-testid=deploy-active]').textContent()).toContain('Active')

    // Place an order from create-order's canvas: the form comes from its input schema.
    await page.goto(`${projectUrl}?canvas=process:prc_JG9dFRcoEY74pAPd49vJ`)
    await page.waitForSelector('[data-testid=box-check]')
    await page.click('[data-testid=open-run]')
    await page.fill('[data-testid=run-input-customerId]', 'cus_1')
    await page.selectOption('[data-testid=run-input-currency]', 'EUR')
    await page.fill('[data-testid=run-input-items]', '[{"sku":"BOOK-1","quantity":2,"unitPriceCents":1500}]')
    await page.fill('[data-testid=run-input-idempotencyKey]', 'order-e2e-1')
    // The instant preview evaluates the pure nodes in the page and stops before the first side effect.
    await page.check('[data-testid=run-preview-mode]')
    await page.click('[data-testid=run-submit]')
    await expect.poll(() => page.locator('[data-testid=preview-stop]').textContent()).toContain('node')
    await expect.poll(() => page.getAttribute('[data-testid=box-check]', 'data-run-status')).toBe('succeeded')
    await page.uncheck('[data-testid=run-preview-mode]')
    await page.click('[data-testid=run-submit]')
    await expect
      .poll(() => page.locator('[data-testid=run-status]').textContent(), { timeout: 60_000 })
      .toBe('succeeded')
    // Every box that ran says so on the canvas; the entry box's data shows on click.
    await expect.poll(() => page.getAttribute('[data-testid=box-check]', 'data-run-status')).toBe('succeeded')
    await expect.poll(() => page.getAttribute('[data-testid=box-publish]', 'data-run-status')).toBe('succeeded')
    expect(await page.locator('[data-testid=run-log] li').count()).toBeGreaterThan(3)
    expect(await page.locator('[data-testid=run-output]').textContent()).toContain('"totalCents": 3000')
    // A side-effecting box shows the request it made and what came back.
    await page.click('[data-testid=box-save]')
    await expect.poll(() => page.locator('[data-testid=run-node-input]').textContent()).toContain('cus_1')
    await expect.poll(() => page.locator('[data-testid=run-node-status]').textContent()).toBe('succeeded')
    await shot(page, '02-test-run')
    // The for-each's body shows what its items did (one item was ordered), and a body box's data is its item's.
    await page.dblclick('[data-testid=box-lines]')
    await expect.poll(() => page.getAttribute('[data-testid=box-line]', 'data-run-status')).toBe('succeeded')
    expect(await page.locator('[data-testid=run-status-line]').textContent()).toContain('1 item')
    await page.click('[data-testid=box-line]')
    await expect.poll(() => page.locator('[data-testid=run-node] h4').textContent()).toContain('lines[0].line')
    await expect.poll(() => page.locator('[data-testid=run-node-input]').textContent()).toContain('BOOK-1')
    await shot(page, '02-test-run-body')
    await page.click('[data-testid=go-process]')
    await page.waitForSelector('[data-testid=box-check]')

    // The warehouse is down: the fulfilment delivery fails its retries and lands in the dead letters.
    await page.click('[data-testid=open-dead-letters]')
    await expect
      .poll(() => page.locator('[data-testid=dead-letter][data-status=dead]').count(), { timeout: 60_000 })
      .toBe(1)
    expect(await page.locator('[data-testid=dead-letter-error]').textContent()).toContain('status.500')
    await shot(page, '03-dead-letter')

    // Fixed and redeployed (the deployment replaces the consumer), it is replayed to the deployed consumer and ships.
    warehouseUp = true
    await page.click('[data-testid=open-deploy]')
    await page.click('[data-testid=deploy-submit]')
    await expect.poll(() => page.locator('[data-testid=deploy-message]').textContent()).toContain('Deployed')
    await page.click('[data-testid=open-dead-letters]')
    await page.waitForSelector('[data-testid=dead-letter][data-status=dead]')
    await page.check('[data-testid=dead-letter-pick]')
    await page.click('[data-testid=dead-letters-replay]')
    await expect
      .poll(() => page.locator('[data-testid=dead-letter][data-status=replayed]').count(), { timeout: 60_000 })
      .toBe(1)
    await expect.poll(() => shipments.length, { timeout: 60_000 }).toBe(1)

    // Executions: the test run and the deliveries, filterable; opening one replays its path.
    await page.click('[data-testid=open-executions]')
    await expect.poll(() => page.locator('[data-testid=execution-row]').count()).toBeGreaterThan(0)
    await page.selectOption('[data-testid=executions-status]', 'failed')
    await expect.poll(() => page.locator('[data-testid=execution-row]').count()).toBe(0)
    await page.selectOption('[data-testid=executions-status]', 'succeeded')
    await expect.poll(() => page.locator('[data-testid=execution-row]').count()).toBe(1)
    await page.click('[data-testid=execution-row]')
    await expect.poll(() => page.getAttribute('[data-testid=box-save]', 'data-run-status')).toBe('succeeded')
    await shot(page, '04-executions')
  }, 300_000)
})
