/**
 * `npm run bench -- <name>` runs bench/<name>.ts (each bench prints its own BENCH lines); `npm run bench` lists
 * them. Benches are separate from tests: they measure, they never fail a build.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const available = readdirSync(here)
  .filter((f) => /^[a-z0-9][a-z0-9-]*\.ts$/.test(f) && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort()

const name = process.argv[2]
if (name === undefined || name === '--help' || name === '-h') {
  console.log(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`)
  process.exit(name === undefined ? 2 : 0)
}
if (!available.includes(name)) {
  console.error(`unknown bench "${name}"; available: ${available.join(', ')}`)
  process.exit(2)
}
// Each bench runs its measurements at import time (top-level await), with the remaining arguments.
process.argv.splice(2, 1)
await import(pathToFileURL(join(here, `${name}.ts`)).href)
