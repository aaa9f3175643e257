import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * `next build` when there is no build, or it was made from another revision (a pull, a checkout or an edit
 * since). Shared by `npm start` and the end-to-end tests, so both always serve the code in the tree. Two callers
 * at once (two e2e files in parallel workers) must not build into one `.next` together: a lock folder serialises
 * them, and the second finds the build fresh once it holds the lock.
 */
export function buildWebIfStale(root: string, log: (line: string) => void = console.log): void {
  const stamp = join(root, '.next', 'backplane-build-rev')
  const rev = currentRevision(root)
  const fresh = () =>
    existsSync(join(root, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === rev
  if (fresh()) return
  const release = acquireLock(join(root, 'node_modules', '.cache', 'backplane-next-build.lock'))
  try {
    if (fresh()) return
    log('building the web app (first start or new code; takes a minute)')
    execFileSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    })
    writeFileSync(stamp, rev)
  } finally {
    release()
  }
}

/** A mkdir lock (atomic on every file system); a lock older than 15 minutes is a crashed builder's and is taken. */
function acquireLock(dir: string): () => void {
  mkdirSync(join(dir, '..'), { recursive: true })
  const deadline = Date.now() + 20 * 60_000
  for (;;) {
    try {
      mkdirSync(dir)
      return () => rmSync(dir, { recursive: true, force: true })
    } catch {
      try {
        if (Date.now() - statSync(dir).mtimeMs > 15 * 60_000) rmSync(dir, { recursive: true, force: true })
      } catch {
        // Released between our attempt and the check: try again.
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another web build (lock ${dir})`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
}

/** HEAD plus a digest of uncommitted changes under the folders the web app is built from. */
function currentRevision(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    const diff = execFileSync('git', ['diff', 'HEAD', '--stat', '--', 'app', 'lib', 'public', 'next.config.mjs'], {
      cwd: root,
      encoding: 'utf8',
    })
    const untracked = execFileSync(
      'git',
      ['ls-files', '--others', '--exclude-standard', '--', 'app', 'lib', 'public'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
    return `${head}\n${diff}\n${untracked}`
  } catch {
    return 'unknown'
  }
}
