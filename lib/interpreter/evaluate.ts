import { type CompileExpressionResult, compileExpression } from '../expressions'
import { awaiting, runSteps, type Steps } from './steps'

/** The one JSONata context of DESIGN §4. */
export type ExpressionContext = {
  input: unknown
  nodes: Record<string, unknown>
  item?: unknown
  run: { id: string; startedAt: string }
}

export type Evaluation = { ok: true; value: unknown } | { ok: false; message: string }

// Compiled expressions are immutable once built, so one cache serves every run (and every workflow in a worker).
const compiled = new Map<string, CompileExpressionResult>()

/**
 * Evaluates one expression of the restricted profile through `lib/expressions` (profile check at compile time,
 * re2js for regular expressions, the profile's stack and sequence limits). Never throws: a refusal, a runtime
 * error or a non-JSON result is a value. The result is plain JSON; no match is `undefined`.
 */
export async function evaluate(text: string, context: ExpressionContext): Promise<Evaluation> {
  return runSteps(evaluateSteps(text, context))
}

/** `evaluate` as Steps: synchronous when the expression evaluates directly (lib/expressions direct evaluator). */
export function* evaluateSteps(text: string, context: ExpressionContext): Steps<Evaluation> {
  let entry = compiled.get(text)
  if (!entry) {
    entry = compileExpression(text)
    compiled.set(text, entry)
  }
  if (!entry.ok) return { ok: false, message: entry.error.message }
  const result = entry.expression.evaluateNow(context) ?? (yield* awaiting(entry.expression.evaluate(context)))
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: result.error.message }
}
