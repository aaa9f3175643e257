import { type Problem, problem } from '../../problems'
import { printCanonicalJson } from '../canonical/print-canonical-json'
import { parseOurJson } from '../parse-our-json'
import { parseSpecText } from '../spec/parse-spec-text'
import { printSpec } from '../spec/print-spec'
import { formatKindOfPath } from '../validate/format-paths'
import { validateParsedFormatFile } from '../validate/validate-format-file'

export type FmtResult = {
  /** Every input file, our JSON and specs in canonical form; files fmt cannot read are byte-for-byte as given. */
  files: Record<string, string>
  /** Paths whose text changed, sorted. */
  changed: string[]
  /** Why a file was left as it was (syntax errors, unknown or future format versions), and warnings about what a
   * rewrite loses (YAML comments). */
  problems: Problem[]
}

/** The canonical text of one file, or undefined when it is not ours or cannot be read safely. */
export function fmtFile(path: string, text: string): { text?: string; problems: Problem[] } {
  const where = formatKindOfPath(path)
  if (where) {
    const parsed = parseOurJson({ path, text })
    if (parsed.value === undefined) return { problems: parsed.problems }
    const checked = validateParsedFormatFile({ path, text, kind: where.kind, parsed })
    // A foreign, future or unknown format version is not ours to reorder: leave it untouched.
    const blocking = checked.problems.filter((p) => p.severity === 'error' && p.rule.startsWith('format.'))
    if (blocking.length > 0 || (checked.value !== undefined && typeof checked.value !== 'object')) {
      return { problems: blocking.length > 0 ? blocking : checked.problems }
    }
    return { text: printCanonicalJson(where.kind, checked.value), problems: [] }
  }
  if (path.startsWith('apis/') && /\.(json|ya?ml)$/i.test(path)) {
    const parsed = parseSpecText({ path, text })
    if (!parsed.spec) return { problems: parsed.problems.filter((p) => p.severity === 'error') }
    const printed = printSpec(parsed.spec)
    // Re-printing YAML drops its comments: say so (the spec module's warning) whenever fmt rewrites such a file.
    const comments = printed === text ? [] : parsed.problems.filter((p) => p.rule === 'spec.yaml.comments')
    return { text: printed, problems: comments }
  }
  return { problems: [] }
}

/**
 * `backplane fmt` (DESIGN §4): our JSON re-printed canonically (older format versions upgraded), specs re-printed by
 * the spec module in their own serialization and key order. Files that do not parse, and files in a format
 * version this Backplane does not know, are left untouched and reported — never lost. Other files pass through.
 * Pure and idempotent: fmtProject(fmtProject(F).files).changed is empty.
 */
export function fmtProject(files: Readonly<Record<string, string>>): FmtResult {
  const out: Record<string, string> = {}
  const changed: string[] = []
  const problems: Problem[] = []
  for (const path of Object.keys(files).sort()) {
    const text = files[path] ?? ''
    const result = fmtFile(path, text)
    problems.push(...result.problems)
    out[path] = result.text ?? text
    if (result.text !== undefined && result.text !== text) changed.push(path)
  }
  return { files: out, changed, problems }
}

/**
 * `backplane fmt --check`: `ok` when every file is already canonical and readable. Each file that is not canonical
 * gets a problem (rule `fmt.not-canonical`); files fmt cannot read keep their own problems.
 */
export function checkFmt(files: Readonly<Record<string, string>>): {
  ok: boolean
  changed: string[]
  problems: Problem[]
} {
  const result = fmtProject(files)
  const problems = [
    ...result.problems,
    ...result.changed.map((path) =>
      problem({
        severity: 'error',
        code: 'fmt-not-canonical',
        rule: 'fmt.not-canonical',
        message: `${path} is not in canonical form`,
        hint: 'Run `backplane fmt` to rewrite it (key order, indentation, sorted maps and sets).',
        file: path,
      }),
    ),
  ]
  const ok = result.changed.length === 0 && !result.problems.some((p) => p.severity === 'error')
  return { ok, changed: result.changed, problems }
}
