import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffProjects } from './diff-projects'
import { formatDiff } from './format-diff'

function readFolder(dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) readFolder(path, root, out)
    else out[relative(root, path)] = readFileSync(path, 'utf8')
  }
  return out
}

const examplesDir = join(import.meta.dirname, '../../examples')
const examples = readdirSync(examplesDir)
  .filter((name) => statSync(join(examplesDir, name)).isDirectory())
  .map((name) => ({ name, files: readFolder(join(examplesDir, name)) }))

/** One random edit of a project: drop a file, cut a file short, or replace a character of one. */
const mutation = fc.record({
  kind: fc.constantFrom('drop', 'truncate', 'replace'),
  file: fc.nat(),
  at: fc.nat(),
  char: fc.constantFrom('x', '"', '}', '1', ' ', '\n', ':'),
})

function mutate(
  files: Record<string, string>,
  edits: Array<{ kind: string; file: number; at: number; char: string }>,
): Record<string, string> {
  const out = { ...files }
  for (const edit of edits) {
    const paths = Object.keys(out)
    if (paths.length === 0) break
    const path = paths[edit.file % paths.length] ?? ''
    const text = out[path] ?? ''
    const at = text.length === 0 ? 0 : edit.at % text.length
    if (edit.kind === 'drop') delete out[path]
    else if (edit.kind === 'truncate') out[path] = text.slice(0, at)
    else out[path] = text.slice(0, at) + edit.char + text.slice(at + 1)
  }
  return out
}

describe('diffProjects on the examples', () => {
  it.each(examples.map((e) => [e.name, e.files] as const))(
    '%s: equal to itself, everything gone against nothing',
    (_, files) => {
      expect(diffProjects(files, files).changes).toEqual([])
      const gone = diffProjects(files, {})
      expect(gone.changes.every((c) => c.kind === 'removed')).toBe(true)
      expect(gone.breaking).toBeGreaterThan(0)
    },
  )

  it('never throws on random edits, and every change names a file of either side', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: examples.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          const before = examples[which]?.files ?? {}
          const after = mutate(before, edits)
          const diff = diffProjects(before, after)
          const paths = new Set([...Object.keys(before), ...Object.keys(after)])
          expect(diff.changes.every((c) => paths.has(c.file))).toBe(true)
          expect(diff.breaking).toBe(diff.changes.filter((c) => c.breaking).length)
          expect(typeof formatDiff(diff)).toBe('string')
          expect(diffProjects(after, after).changes).toEqual([])
        },
      ),
      { numRuns: 60, seed: 20261202 },
    )
  })
})
