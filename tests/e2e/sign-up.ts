import type { Browser, BrowserContext, Page } from 'playwright-core'

export const e2ePassword = 'correct horse battery'

/** Signs up through the real form and waits for the dashboard. The email defaults to `<name>@example.com`. */
export async function signUp(page: Page, baseUrl: string, name: string, email = `${name.toLowerCase()}@example.com`) {
  await page.goto(`${baseUrl}/signup`)
  await page.fill('input[name=name]', name)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', e2ePassword)
  await page.click('button[type=submit]')
  await page.waitForURL('**/projects')
}

/**
 * A page of a new browser context (kept in `contexts` for the suite's afterAll) whose user has just signed up.
 * `clipboard` grants clipboard read/write on the app's origin (copy/paste tests).
 */
export async function signedUpPage(
  browser: Browser,
  options: {
    baseUrl: string
    name: string
    contexts: BrowserContext[]
    viewport?: { width: number; height: number }
    clipboard?: boolean
    acceptDownloads?: boolean
    timeoutMs?: number
  },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  })
  options.contexts.push(context)
  if (options.clipboard)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: options.baseUrl })
  const page = await context.newPage()
  page.setDefaultTimeout(options.timeoutMs ?? 20_000)
  await signUp(page, options.baseUrl, options.name)
  return page
}
