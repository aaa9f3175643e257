import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readFolder } from '../doc/shop-files'
import { launchChromium } from '../harness/chromium'
import { startWebStack, type WebStack } from '../harness/web-stack'
import { signUp } from './sign-up'

// The dashboard's import and download as a user does them in the browser: a single OpenAPI file, a bad archive
// (refused, nothing created), a project .zip, then the project's .zip downloaded and compared file by file.
const root = resolve(import.meta.dirname, '..', '..')
const shots = join(root, 'test-results', 'e2e')
const work = join(root, 'test-results', 'e2e-dashboard-files')
mkdirSync(shots, { recursive: true })
mkdirSync(work, { recursive: true })

let stack: WebStack
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  stack = await startWebStack('e2e_dashboard')
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await context?.close().catch(() => {})
  await browser?.close()
  await stack?.stop()
})

const shot = (page: Page, step: string) => page.screenshot({ path: join(shots, `dashboard-${step}.png`) })
const rows = (page: Page) => page.locator('[data-testid=project-row]').count()

async function backToDashboard(page: Page): Promise<void> {
  await page.goto(`${stack.baseUrl}/projects`)
  await page.waitForSelector('[data-testid=project-list]')
}

describe('dashboard import and download', () => {
  test('imports a spec file and a project zip, refuses a broken zip without creating anything, downloads a zip', async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    await signUp(page, stack.baseUrl, 'Fay')

    // One OpenAPI file becomes a project with that API surface.
    await page.click('text=Import a project')
    await page.setInputFiles('[data-testid=import-file]', join(root, 'examples', 'shop', 'apis', 'orders.openapi.yaml'))
    await page.waitForURL('**/projects/prj_*')
    await page.waitForSelector('[data-testid=editor] .design-node')
    await shot(page, '01-spec-imported')

    // A broken archive is refused with a reason, and no project appears.
    await backToDashboard(page)
    const before = await rows(page)
    const broken = join(work, 'broken.zip')
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 this is not really a zip archive'))
    await page.click('text=Import a project')
    await page.setInputFiles('[data-testid=import-file]', broken)
    await expect.poll(() => page.locator('[data-testid=import-error]').textContent()).toMatch(/\S/)
    await shot(page, '02-broken-zip-refused')
    await backToDashboard(page)
    expect(await rows(page)).toBe(before)

    // A project folder as .zip becomes a new project with its processes, databases and queues.
    const folder = join(root, 'examples', 'webhooks')
    const source = readFolder(folder)
    const archive = join(work, 'webhooks.zip')
    writeFileSync(
      archive,
      zipSync(Object.fromEntries(Object.entries(source).map(([path, text]) => [path, new TextEncoder().encode(text)]))),
    )
    await page.click('text=Import a project')
    await page.setInputFiles('[data-testid=import-file]', archive)
    await page.waitForURL('**/projects/prj_*')
    const importedId = /\/projects\/(prj_[A-Za-z0-9]+)/.exec(page.url())?.[1]
    await page.waitForSelector('.design-node >> text=ingest-webhook')
    await page.waitForSelector('.design-node >> text=webhook-events')
    await shot(page, '03-zip-imported')

    // A project is downloaded as one of its commits: commit the import first.
    await page.click('[data-testid=open-commit]')
    await page.fill('[data-testid=commit-message]', 'Imported from webhooks.zip')
    await page.click('[data-testid=commit-submit]')
    await page.waitForSelector('[data-testid=commit-panel] >> text=Committed')

    // Download the imported project's zip from its row: the same files (the manifest keeps its own, new id).
    await backToDashboard(page)
    const row = page.locator(`[data-testid=project-row][data-project-id="${importedId}"]`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('[data-testid=project-download]').click(),
    ])
    const saved = join(work, 'downloaded.zip')
    await download.saveAs(saved)
    const files = Object.fromEntries(
      Object.entries(unzipSync(readFileSync(saved))).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]),
    )
    const paths = (record: Record<string, string>) => Object.keys(record).sort()
    expect(paths(files)).toEqual(paths(source))
    for (const path of paths(source).filter((p) => p !== 'backplane.json')) {
      expect({ path, text: files[path] }).toEqual({ path, text: source[path] })
    }
    const manifest = JSON.parse(files['backplane.json'] as string)
    expect(manifest.id).toBe(importedId)
    expect(manifest.name).toBe(JSON.parse(source['backplane.json'] as string).name)
    await shot(page, '04-downloaded')
  }, 300_000)
})
