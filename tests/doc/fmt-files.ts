import { MANIFEST_PATH } from '../../lib/doc/layout'
import { fmtProject } from '../../lib/formats/fmt/fmt-project'
import { parseSpecText } from '../../lib/formats/spec/parse-spec-text'
import { specsEqualWithKeyOrder } from '../../lib/formats/spec/specs-equal-with-key-order'

/** fmt(F) for the law: lib/formats fmtProject, the same `backplane fmt` runs. */
export function fmtFiles(files: Readonly<Record<string, string>>): Record<string, string> {
  return fmtProject(files).files
}

/**
 * The law's comparison: same paths; our JSON and other files byte-identical; specs equal in content and key
 * order. Returns the first difference, or undefined.
 */
export function firstLawDifference(
  exported: Readonly<Record<string, string>>,
  expected: Readonly<Record<string, string>>,
  specPaths: ReadonlySet<string>,
): string | undefined {
  const a = Object.keys(exported).sort()
  const b = Object.keys(expected).sort()
  if (a.join('\n') !== b.join('\n')) return `paths differ: [${a.join(', ')}] vs [${b.join(', ')}]`
  for (const path of a) {
    const x = exported[path] as string
    const y = expected[path] as string
    if (x === y) continue
    if (specPaths.has(path)) {
      const px = parseSpecText({ path, text: x }).spec?.document
      const py = parseSpecText({ path, text: y }).spec?.document
      if (px !== undefined && specsEqualWithKeyOrder(px, py)) continue
    }
    return `${path} differs`
  }
  return undefined
}

export function specPathsOf(files: Readonly<Record<string, string>>): Set<string> {
  try {
    const manifest = JSON.parse(files[MANIFEST_PATH] ?? 'null') as { apis?: Record<string, { file?: unknown }> } | null
    return new Set(Object.values(manifest?.apis ?? {}).flatMap((e) => (typeof e.file === 'string' ? [e.file] : [])))
  } catch {
    return new Set()
  }
}
