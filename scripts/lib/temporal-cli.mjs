// The Temporal CLI (`temporal server start-dev` is the dev server of `npm start` and of the tests), built once
// from the Go module proxy and kept outside the clone, so fresh clones and CI runs on this machine reuse it.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fail, say } from './say.mjs'

// v1.5.1 is the last tag without `replace` directives, so it is the newest one `go install …@version` can build
// (it needs Go >= 1.25; its SQLite driver is pure Go, hence CGO_ENABLED=0).
export const TEMPORAL_CLI_VERSION = 'v1.5.1'
export const CACHE_DIR = join(homedir(), '.cache', 'backplane')
export const TEMPORAL_CLI_PATH = process.env.TEMPORAL_CLI ?? join(CACHE_DIR, 'bin', 'temporal')
const STAMP = `${TEMPORAL_CLI_PATH}.version`
const LOCK = join(CACHE_DIR, 'temporal-build.lock')
const LOG = join(CACHE_DIR, 'temporal-build.log')

const HOW_TO_GET_IT = [
  'To get the Temporal CLI another way: download a release of the Temporal CLI',
  '(https://temporal.io/setup/install-temporal-cli or https://github.com/temporalio/cli/releases) and set',
  `TEMPORAL_CLI=/path/to/temporal (or put it at ${join(CACHE_DIR, 'bin', 'temporal')});`,
  'or install Go >= 1.25 (https://go.dev/dl/) and run this again; or point Backplane at a running Temporal',
  'with TEMPORAL_ADDRESS=host:port (tests: BACKPLANE_TEST_TEMPORAL_ADDRESS).',
].join('\n  ')

function isCurrent() {
  if (!existsSync(TEMPORAL_CLI_PATH)) return false
  // A binary without a stamp was put there by hand (or by an earlier build): trust it.
  if (!existsSync(STAMP)) return true
  return readFileSync(STAMP, 'utf8').trim() === TEMPORAL_CLI_VERSION
}

/** Ensures the Temporal CLI exists at TEMPORAL_CLI_PATH, building it when absent; at most one build at a time. */
export async function ensureTemporalCli() {
  if (isCurrent()) return
  if (process.env.TEMPORAL_CLI) fail(`TEMPORAL_CLI=${TEMPORAL_CLI_PATH} does not exist.\n  ${HOW_TO_GET_IT}`)
  mkdirSync(CACHE_DIR, { recursive: true })
  let waitingSaid = false
  for (;;) {
    if (acquireLock()) break
    if (!waitingSaid) {
      say(`another run is building the Temporal CLI (lock ${LOCK}); waiting for it`)
      waitingSaid = true
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
    if (isCurrent()) return
  }
  try {
    if (!isCurrent()) build()
  } finally {
    rmSync(LOCK, { force: true })
  }
}

/** Takes the build lock, clearing it when the process that held it is gone. */
function acquireLock() {
  try {
    const fd = openSync(LOCK, 'wx')
    writeFileSync(fd, String(process.pid))
    closeSync(fd)
    process.once('exit', () => {
      if (existsSync(LOCK) && readFileSync(LOCK, 'utf8') === String(process.pid)) rmSync(LOCK, { force: true })
    })
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130))
    return true
  } catch (error) {
    if (error?.code !== 'EEXIST') throw error
    const holder = Number(readFileSync(LOCK, 'utf8') || 0)
    if (!holder || !isAlive(holder)) rmSync(LOCK, { force: true })
    return false
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error?.code === 'EPERM'
  }
}

function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go', join(homedir(), 'go', 'bin', 'go'), '/usr/lib/go/bin/go']) {
    const result = spawnSync(candidate, ['env', 'GOVERSION'], { encoding: 'utf8' })
    if (result.status === 0) return { go: candidate, version: result.stdout.trim() }
  }
  return undefined
}

function build() {
  const found = findGo()
  if (found === undefined) fail(`the Temporal CLI is missing and Go is not installed to build it.\n  ${HOW_TO_GET_IT}`)
  const [, major = 0, minor = 0] = /^go(\d+)\.(\d+)/.exec(found.version)?.map(Number) ?? []
  const tooOld = major < 1 || (major === 1 && minor < 25)
  const binDir = join(CACHE_DIR, 'bin')
  const stagingDir = join(binDir, `.build-${process.pid}`)
  mkdirSync(stagingDir, { recursive: true })
  const env = {
    ...process.env,
    CGO_ENABLED: '0',
    GOBIN: stagingDir,
    // Module downloads stay in our cache too, so a fresh clone never repeats them.
    GOPATH: join(CACHE_DIR, 'go'),
    GOFLAGS: '-buildvcs=false',
    // An older Go may fetch the Go 1.25 toolchain (itself a module on the Go module proxy).
    ...(tooOld ? { GOTOOLCHAIN: 'auto' } : {}),
  }
  say(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with ${found.version} (first time only; several minutes)`)
  say(`log: ${LOG}`)
  const log = openSync(LOG, 'a')
  const module = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`
  const result = spawnSync(found.go, ['install', module], { env, stdio: ['ignore', log, log] })
  closeSync(log)
  const built = join(stagingDir, 'temporal')
  if (result.status !== 0 || !existsSync(built)) {
    rmSync(stagingDir, { recursive: true, force: true })
    const tail = readFileSync(LOG, 'utf8').split('\n').slice(-15).join('\n  ')
    fail(`go install ${module} failed (see ${LOG}):\n  ${tail}\n  ${HOW_TO_GET_IT}`)
  }
  // Rename last, so an interrupted build never leaves a half-written binary where the next run would trust it.
  renameSync(built, TEMPORAL_CLI_PATH)
  writeFileSync(STAMP, `${TEMPORAL_CLI_VERSION}\n`)
  rmSync(stagingDir, { recursive: true, force: true })
  say(`Temporal CLI ready: ${TEMPORAL_CLI_PATH}`)
}
