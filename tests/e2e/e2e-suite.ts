import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from '../harness/chromium'
import { startWebStack, type WebStack, type WebStackOptions } from '../harness/web-stack'

/** Where every e2e suite keeps its screenshots (test-results/e2e/<suite>-<step>.png). */
export const shotsDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e')
mkdirSync(shotsDir, { recursive: true })

/** One e2e file's world: its own web stack (`name` names its database) and Chromium, set up once. */
export interface E2eSuite {
  readonly stack: WebStack
  readonly browser: Browser
  /** Browser contexts the file opens; closed after its tests. */
  readonly contexts: BrowserContext[]
}

/** Registers the file's beforeAll/afterAll: start the stack and Chromium, then close contexts, browser, stack. */
export function e2eSuite(name: string, options: WebStackOptions = {}): E2eSuite {
  let stack: WebStack | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    stack = await startWebStack(name, options)
    browser = await launchChromium()
  }, 300_000)
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await stack?.stop()
  })
  return {
    get stack() {
      if (!stack) throw new Error('the e2e stack is not started yet (use it inside a test)')
      return stack
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet (use it inside a test)')
      return browser
    },
    contexts,
  }
}
