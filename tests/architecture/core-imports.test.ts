import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'

// STYLE §1: the pure core of lib/ imports nothing from frameworks, servers, databases or node:*, so it bundles
// into the browser and into a Temporal workflow. lib/db, lib/auth, lib/service and lib/runtime are the service
// layer and may. Test-only helpers (*.test.ts, test-support.ts) may use node:fs.
const root = resolve(import.meta.dirname, '..', '..')
const serviceLayer = ['lib/db/', 'lib/auth/', 'lib/service/', 'lib/runtime/']
const forbidden = [
  /^node:/,
  /^next(\/|$)/,
  /^react(-dom)?(\/|$)/,
  /^@hocuspocus\//,
  /^@temporalio\//,
  /^drizzle-orm/,
  /^postgres$/,
  /^ws$/,
]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'test-support.ts' ? [path] : []
  })
}

function importsOf(text: string): string[] {
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '')
}

describe('architecture', () => {
  test('the pure core of lib/ imports no framework, server, database or node:* module', () => {
    const offenders: string[] = []
    const core = sourceFiles(join(root, 'lib')).filter(
      (file) => !serviceLayer.some((p) => relative(root, file).startsWith(p)),
    )
    // The scan must see the core (formats, doc, validation, expressions, interpreter, projections…), not nothing.
    expect(core.length).toBeGreaterThan(100)
    for (const file of core) {
      const rel = relative(root, file)
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (forbidden.some((re) => re.test(spec))) offenders.push(`${rel} imports ${spec}`)
        if (
          spec.startsWith('.') &&
          serviceLayer.some((prefix) => relative(root, resolve(file, '..', spec)).startsWith(prefix.slice(0, -1)))
        ) {
          // The core may not reach into the service layer either (the reverse is fine).
          offenders.push(`${rel} imports the service layer (${spec})`)
        }
      }
    }
    expect(offenders).toEqual([])
  })
})
