import { type Browser, chromium } from 'playwright-core'
import { chromiumPath } from './env'

/**
 * Flags for Debian's Chromium on this kind of machine: no sandbox (we run as root), no GPU, and no background
 * networking — the machine's network is closed, and Chromium's own calls home would fail noisily at every start.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Launches headless Debian Chromium through playwright-core (never `playwright install`). Playwright gives each
 * launch a fresh, temporary user-data-dir. Close the browser in `afterAll`.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] })
}
