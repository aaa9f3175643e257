// Debian packages for the test tool chain (PostgreSQL server, Chromium), installed the ordinary way.
import { spawnSync } from 'node:child_process'
import { fail, say } from './say.mjs'

let updated = false

/**
 * `apt-get install -y <packages>` as root; refreshes the package lists once first (a fresh machine has none).
 * Without apt-get or root it fails with `otherwise`, the manual way to get the same thing.
 * @param {string[]} packages
 * @param {string} otherwise
 */
export function aptInstall(packages, otherwise) {
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  if (!hasApt) fail(`no apt-get on this machine: ${otherwise}`)
  if (process.getuid?.() !== 0)
    fail(`apt-get needs root: run \`sudo apt-get install -y ${packages.join(' ')}\`, or ${otherwise}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!updated) {
    say('apt-get update')
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'], env })
    if (update.status !== 0) fail(`apt-get update failed: ${otherwise}`)
    updated = true
  }
  say(`apt-get install -y ${packages.join(' ')}`)
  const install = spawnSync('apt-get', ['install', '-y', '-q', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
  if (install.status !== 0) fail(`apt-get install ${packages.join(' ')} failed: ${otherwise}`)
}
