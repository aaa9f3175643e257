import jsonata from 'jsonata'
import { checkExpression } from './check-expression'
import { compileDirectEvaluator, DECLINED } from './direct-evaluator'
import { expressionFunctions } from './expression-functions'
import { type ExpressionPosition, positionInExpression } from './expression-position'
import { expressionRules } from './expression-rules'
import type { ExpressionProblem } from './parse-expression'
import { Re2RegExp, type RegexEngine } from './re2-regex-engine'

/** A JSON value, as expressions read and produce them. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** The one context an expression reads (DESIGN §4): supplied by the interpreter or the editor preview. */
export type ExpressionContext = {
  input: unknown
  nodes: Readonly<Record<string, unknown>>
  /** Only inside a for-each body. */
  item?: unknown
  run: { id: string; startedAt: string }
}

export type EvaluationError = {
  code: string
  rule: string
  message: string
  /** The jsonata error code (D1011 stack overflow, D2015 sequence too long, T… type errors), when there is one. */
  jsonataCode?: string
  position?: ExpressionPosition
  /** Profile problems when the expression was refused before evaluation. */
  problems?: ExpressionProblem[]
}

/** `value` is undefined when the expression matched nothing (JSONata's empty sequence). */
export type EvaluateResult = { ok: true; value: JsonValue | undefined } | { ok: false; error: EvaluationError }

export type EvaluateOptions = {
  /** Defaults to Re2RegExp (linear time). Never pass the native RegExp: backtracking is unbounded. */
  regexEngine?: RegexEngine
}

export type CompiledExpression = {
  readonly text: string
  evaluate(context: ExpressionContext): Promise<EvaluateResult>
  /**
   * The same result without a promise when the direct evaluator can give it (direct-evaluator.ts), else undefined:
   * then `evaluate` it. Lets the interpreter skip jsonata's async machinery for the plainest expressions.
   */
  evaluateNow(context: ExpressionContext): EvaluateResult | undefined
}

export type CompileExpressionResult =
  | { ok: true; expression: CompiledExpression }
  | { ok: false; error: EvaluationError }

type JsonataRuntimeError = { code?: unknown; position?: unknown; message?: unknown; token?: unknown }

function toJson(value: unknown, depth = 0): { ok: true; value: JsonValue | undefined } | { ok: false; what: string } {
  if (value === undefined) return { ok: true, value: undefined }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return { ok: true, value }
  if (typeof value === 'number')
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, what: String(value) }
  if (typeof value === 'function') return { ok: false, what: 'a function' }
  if (depth > 1000) return { ok: false, what: 'a value nested too deeply' }
  if (Array.isArray(value)) {
    // jsonata marks sequences with extra properties; copying leaves a plain array.
    const out: JsonValue[] = []
    for (const v of value) {
      const r = toJson(v, depth + 1)
      if (!r.ok) return r
      if (r.value !== undefined) out.push(r.value)
    }
    return { ok: true, value: out }
  }
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {}
    for (const [k, v] of Object.entries(value)) {
      const r = toJson(v, depth + 1)
      if (!r.ok) return r
      if (r.value !== undefined)
        Object.defineProperty(out, k, { value: r.value, enumerable: true, writable: true, configurable: true })
    }
    return { ok: true, value: out }
  }
  return { ok: false, what: typeof value }
}

/**
 * Compiles an expression for repeated evaluation, after checking it against the restricted profile (a refused
 * expression never runs). The evaluation uses `regexEngine` (re2js by default) for every regular expression and
 * the profile's stack and sequence limits; it never uses jsonata's timeout, which cannot work inside a Temporal
 * workflow — termination follows from the static profile (no recursion, no named functions). Pure; never throws.
 */
export function compileExpression(text: string, options: EvaluateOptions = {}): CompileExpressionResult {
  const checked = checkExpression(text)
  const errors = checked.problems.filter((p) => p.severity === 'error')
  const firstError = errors[0]
  if (firstError) {
    return {
      ok: false,
      error: {
        code: firstError.code,
        rule: firstError.rule,
        message: firstError.message,
        position: firstError.position,
        problems: errors,
      },
    }
  }
  const engine = options.regexEngine ?? Re2RegExp
  const compiled = jsonata(text, {
    // jsonata types the hook as RegExpConstructor but only calls `new`, `lastIndex` and `exec`.
    RegexEngine: engine as unknown as RegExpConstructor,
    stack: expressionFunctions.limits.stack,
    sequence: expressionFunctions.limits.sequence,
  })
  const direct = compileDirectEvaluator(compiled.ast(), expressionFunctions.limits)
  const rootOf = (context: ExpressionContext): Record<string, unknown> => {
    const root: Record<string, unknown> = { input: context.input, nodes: context.nodes, run: context.run }
    if ('item' in context) root.item = context.item
    return root
  }
  const directly = (root: Record<string, unknown>): EvaluateResult | undefined => {
    if (!direct) return undefined
    const raw = direct(root)
    return raw === DECLINED ? undefined : jsonResult(raw)
  }
  return {
    ok: true,
    expression: {
      text,
      evaluateNow: (context) => directly(rootOf(context)),
      async evaluate(context: ExpressionContext): Promise<EvaluateResult> {
        const root = rootOf(context)
        const now = directly(root)
        if (now) return now
        let raw: unknown
        try {
          raw = await compiled.evaluate(root)
        } catch (e) {
          const err = (typeof e === 'object' && e !== null ? e : {}) as JsonataRuntimeError
          const jsonataCode = typeof err.code === 'string' ? err.code : undefined
          const error: EvaluationError = {
            ...expressionRules.runtime,
            message: typeof err.message === 'string' ? err.message : String(e),
          }
          if (jsonataCode) error.jsonataCode = jsonataCode
          if (typeof err.position === 'number')
            error.position = positionInExpression(text, Math.max(0, err.position - 1), 1)
          return { ok: false, error }
        }
        return jsonResult(raw)
      },
    },
  }
}

function jsonResult(raw: unknown): EvaluateResult {
  const json = toJson(raw)
  if (json.ok) return { ok: true, value: json.value }
  return {
    ok: false,
    error: {
      ...expressionRules.resultNotJson,
      message: `The expression produced ${json.what}, which is not a JSON value.`,
    },
  }
}

/**
 * Evaluates one expression against a context: profile check, then jsonata with the linear-time regex engine and
 * the profile's limits. Errors (refusal, runtime errors, non-JSON results) are returned as values. Deterministic:
 * the same text and context give the same result. Used by the interpreter and the editor preview.
 */
export async function evaluateExpression(
  text: string,
  context: ExpressionContext,
  options: EvaluateOptions = {},
): Promise<EvaluateResult> {
  const compiled = compileExpression(text, options)
  if (!compiled.ok) return compiled
  return compiled.expression.evaluate(context)
}
