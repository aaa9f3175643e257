import { createExpressionParseCache, type ExpressionParseCache } from '../expressions'
import { type Problem, sortProblems } from '../problems'
import { loadProject } from './load-project'
import { createRuleContext, type Rule } from './rule-context'
import { callProcessRules } from './rules/call-process-rules'
import { databaseNodeRules } from './rules/database-node-rules'
import { errorRules } from './rules/error-rules'
import { expressionRules } from './rules/expression-rules'
import { graphRules } from './rules/graph-rules'
import { namesRule } from './rules/names-rule'
import { queueRules } from './rules/queue-rules'
import { triggerRules } from './rules/trigger-rules'
import { valueShapeRules } from './rules/value-shape-rules'

export type ValidateProjectOptions = {
  /**
   * Element ids for problems, keyed by `<file>#<pointer prefix>` (e.g. `processes/a.process.json#/nodes/save`) or
   * by `<file>` alone; the longest matching prefix wins. The live document passes its ids so the editor can
   * highlight the element; files alone leave elementId out.
   */
  elementIds?: Readonly<Record<string, string>>
  /** Validate API specs against OpenAPI/AsyncAPI (default true; slow, ≥ 0.2 s per spec). */
  validateSpecs?: boolean
}

export type ValidateProjectResult = { problems: Problem[] }

/** The cross-file rules, in the order they run (the output is sorted anyway). */
export const crossFileRules: readonly Rule[] = [
  namesRule,
  triggerRules,
  databaseNodeRules,
  queueRules,
  callProcessRules,
  graphRules,
  errorRules,
  expressionRules,
  valueShapeRules,
]

function withElementIds(problems: Problem[], ids: Readonly<Record<string, string>>): Problem[] {
  return problems.map((p) => {
    if (p.file === undefined) return p
    let best: string | undefined
    let bestLength = -1
    for (const [key, id] of Object.entries(ids)) {
      const hash = key.indexOf('#')
      const file = hash === -1 ? key : key.slice(0, hash)
      const prefix = hash === -1 ? '' : key.slice(hash + 1)
      if (file !== p.file) continue
      const matches = prefix === '' || p.pointer === prefix || p.pointer.startsWith(`${prefix}/`)
      if (matches && prefix.length > bestLength) {
        best = id
        bestLength = prefix.length
      }
    }
    return best === undefined ? p : { ...p, elementId: best }
  })
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = JSON.stringify([p.file, p.pointer, p.line, p.column, p.rule, p.message, p.severity])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Validates a whole project given as `{ path: text }`: each file's syntax and JSON Schema, each API spec
 * (OpenAPI/AsyncAPI), then the cross-file rules (names and ids, triggers, database nodes, queues, call-process,
 * graphs, errors, expressions). Returns every problem, located (file, pointer, line:column, and elementId when
 * ids are given), de-duplicated and sorted. The one entry point of the CLI, the server and the editor. Pure
 * (no I/O); never throws for any input.
 */
export function validateProject(
  files: Readonly<Record<string, string>>,
  options: ValidateProjectOptions = {},
): Promise<ValidateProjectResult> {
  return runValidation(files, options, createExpressionParseCache())
}

/** A long-lived validator (an editor's worker): same results as validateProject, parsed expressions kept warm. */
export type ProjectValidator = {
  validate(files: Readonly<Record<string, string>>, options?: ValidateProjectOptions): Promise<ValidateProjectResult>
}

export function createProjectValidator(): ProjectValidator {
  const cache = createExpressionParseCache()
  return { validate: (files, options = {}) => runValidation(files, options, cache) }
}

async function runValidation(
  files: Readonly<Record<string, string>>,
  options: ValidateProjectOptions,
  parseCache: ExpressionParseCache,
): Promise<ValidateProjectResult> {
  const { model, problems } = await loadProject(files, { validateSpecs: options.validateSpecs !== false })
  const ctx = createRuleContext(model, problems, parseCache)
  for (const rule of crossFileRules) rule(ctx)
  const located = options.elementIds ? withElementIds(problems, options.elementIds) : problems
  return { problems: sortProblems(dedupe(located)) }
}
