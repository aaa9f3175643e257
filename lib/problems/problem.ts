/**
 * One validation result, as DESIGN §4 defines it. Files give `line`/`column` (1-based), the live document gives
 * `elementId`. `pointer` is an RFC 6901 JSON pointer into the file or element ('' = the whole thing).
 */
export type Problem = {
  severity: 'error' | 'warning' | 'info'
  code: string
  rule: string
  message: string
  hint: string
  file?: string
  pointer: string
  line?: number
  column?: number
  elementId?: string
}

export type ProblemSeverity = Problem['severity']

/** Fields a caller must give; `pointer` defaults to '' (the whole file) and `hint` to ''. */
export type ProblemInit = Omit<Problem, 'pointer' | 'hint'> & { pointer?: string; hint?: string }

/**
 * Builds a Problem, dropping optional fields that are undefined so problems compare and serialize cleanly.
 * Pure; never throws.
 */
export function problem(init: ProblemInit): Problem {
  const out: Problem = {
    severity: init.severity,
    code: init.code,
    rule: init.rule,
    message: init.message,
    hint: init.hint ?? '',
    pointer: init.pointer ?? '',
  }
  if (init.file !== undefined) out.file = init.file
  if (init.line !== undefined) out.line = init.line
  if (init.column !== undefined) out.column = init.column
  if (init.elementId !== undefined) out.elementId = init.elementId
  return out
}
