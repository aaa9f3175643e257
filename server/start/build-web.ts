import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * `next build` when there is no build, or it was made from another revision (a pull, a checkout or an edit
 * since). Shared by `npm start` and the end-to-end tests, so both always serve the code in the tree.
 */
export function buildWebIfStale(root: string, log: (line: string) => void = console.log): void {
  const stamp = join(root, '.next', 'backplane-build-rev')
  const rev = currentRevision(root)
  if (existsSync(join(root, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === rev) return
  log('building the web app (first start or new code; takes a minute)')
  execFileSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  writeFileSync(stamp, rev)
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
