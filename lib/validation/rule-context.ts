import type { ExpressionParseCache } from '../expressions'
import { type Problem, problem } from '../problems'
import type { ProjectModel } from './project-model'

/** What a problem is reported against: a file with a pointer → line/column map. */
export type Locatable = { path: string; locate(pointer: string): { line: number; column: number } | undefined }

export type ReportInit = {
  rule: { code: string; rule: string }
  severity?: Problem['severity']
  file: Locatable
  pointer: string
  message: string
  hint: string
  /** An exact position (inside an expression) instead of the pointer's. */
  at?: { line: number; column: number }
}

/** Everything a cross-file rule gets: the model, and one way to report. */
export type RuleContext = {
  model: ProjectModel
  /** Parsed expressions by text, shared by every rule (and across runs of one long-lived validator). */
  parseCache: ExpressionParseCache
  report(init: ReportInit): void
}

export type Rule = (ctx: RuleContext) => void

export function createRuleContext(model: ProjectModel, out: Problem[], parseCache: ExpressionParseCache): RuleContext {
  return {
    model,
    parseCache,
    report({ rule, severity = 'error', file, pointer, message, hint, at }) {
      const where = at ?? file.locate(pointer)
      out.push(
        problem({
          severity,
          code: rule.code,
          rule: rule.rule,
          message,
          hint,
          file: file.path,
          pointer,
          line: where?.line,
          column: where?.column,
        }),
      )
    },
  }
}
