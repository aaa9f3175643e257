import type { Problem } from '../../lib/problems'

/**
 * One problem as `file:line:column severity rule message`, then its hint indented on the next line — the form
 * editors and CI annotators recognise. Without a line the JSON pointer stands in (`file#/pointer`), without a file
 * the project (`backplane.json` is not assumed: `(project)` says the problem is about the folder as a whole).
 */
export function formatProblem(p: Problem): string {
  const where =
    p.file === undefined
      ? '(project)'
      : p.line !== undefined
        ? `${p.file}:${p.line}:${p.column ?? 1}`
        : p.pointer !== ''
          ? `${p.file}#${p.pointer}`
          : p.file
  const head = `${where} ${p.severity} ${p.rule} ${p.message}`
  return p.hint === '' ? head : `${head}\n  hint: ${p.hint}`
}

/** "2 errors, 1 warning" — or "no problems". */
export function summarizeProblems(problems: readonly Problem[]): string {
  const count = (severity: Problem['severity']) => problems.filter((p) => p.severity === severity).length
  const parts = [
    plural(count('error'), 'error'),
    plural(count('warning'), 'warning'),
    plural(count('info'), 'note'),
  ].filter((part) => part !== '')
  return parts.length === 0 ? 'no problems' : parts.join(', ')
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`
}
