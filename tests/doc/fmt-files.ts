import { parseSpecFile, printOurJson, printSpecFile } from '../../lib/doc/formats-adapter'
import type { JsonValue } from '../../lib/doc/json-value'
import { CANVAS_PATH, entityKindOfPath, MANIFEST_PATH } from '../../lib/doc/layout'
import { parseSpecText } from '../../lib/formats/spec/parse-spec-text'
import { specsEqualWithKeyOrder } from '../../lib/formats/spec/specs-equal-with-key-order'

/**
 * fmt(F) for the law: our JSON reprinted canonically, spec files (those the manifest names) reprinted in their
 * serialization and key order, other files verbatim. Uses the same printers lib/doc uses, from lib/formats.
 */
export function fmtFiles(files: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  const specs = new Set<string>()
  try {
    const manifest = JSON.parse(files[MANIFEST_PATH] ?? 'null') as { apis?: Record<string, { file?: unknown }> } | null
    for (const entry of Object.values(manifest?.apis ?? {})) if (typeof entry.file === 'string') specs.add(entry.file)
  } catch {}
  for (const [path, text] of Object.entries(files)) {
    const kind = path === MANIFEST_PATH ? 'manifest' : path === CANVAS_PATH ? 'canvas' : entityKindOfPath(path)
    if (kind) {
      try {
        const value = JSON.parse(text) as JsonValue
        out[path] =
          typeof value === 'object' && value !== null && !Array.isArray(value) ? printOurJson(kind, value) : text
      } catch {
        out[path] = text
      }
    } else if (specs.has(path)) {
      const parsed = parseSpecFile(path, text)
      out[path] = parsed.spec ? printSpecFile(parsed.spec) : text
    } else out[path] = text
  }
  return out
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
