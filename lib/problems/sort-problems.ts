import type { Problem } from './problem'

const severityRank: Record<Problem['severity'], number> = { error: 0, warning: 1, info: 2 }

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? ''
  const y = b ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Returns a new array in a stable, deterministic order: by file, then line, column, pointer, severity (errors
 * first), rule and message — so CLI output and test snapshots do not depend on validator order. Pure.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.elementId, b.elementId) ||
      compareText(a.pointer, b.pointer) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  )
}
