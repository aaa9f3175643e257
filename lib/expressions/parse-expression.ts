import jsonata from 'jsonata'
import type { AstNode } from './expression-ast'
import { isAstNode } from './expression-ast'
import { expressionFunctions } from './expression-functions'
import { type ExpressionPosition, positionInExpression } from './expression-position'

/** A problem located inside one expression text (the validator maps it into the file). */
export type ExpressionProblem = {
  severity: 'error' | 'warning'
  code: string
  rule: string
  message: string
  hint: string
  position: ExpressionPosition
}

export type ParseExpressionResult = { ok: true; ast: AstNode } | { ok: false; problem: ExpressionProblem }

type JsonataParseError = { code?: unknown; position?: unknown; token?: unknown; message?: unknown }

/**
 * Parsed expressions by text. jsonata rebuilds its whole parser per call (≈ 0.3 ms even for `input.a`), so a
 * long-lived validator (the editor's worker) keeps one of these; results are never mutated, so sharing is safe.
 */
export type ExpressionParseCache = {
  get(text: string): ParseExpressionResult | undefined
  set(text: string, result: ParseExpressionResult): void
}

/** A bounded cache: when full it starts over (validation of one project touches each text once or twice). */
export function createExpressionParseCache(maxEntries = 50_000): ExpressionParseCache {
  let map = new Map<string, ParseExpressionResult>()
  return {
    get: (text) => map.get(text),
    set(text, result) {
      if (map.size >= maxEntries) map = new Map()
      map.set(text, result)
    },
  }
}

/**
 * Parses a JSONata expression into its AST. A syntax error (or a text over the profile's length limit) comes back
 * as one located problem: never throws. Pure (the optional cache only remembers results).
 */
export function parseExpression(text: string, cache?: ExpressionParseCache): ParseExpressionResult {
  const cached = cache?.get(text)
  if (cached) return cached
  const result = parseUncached(text)
  cache?.set(text, result)
  return result
}

function parseUncached(text: string): ParseExpressionResult {
  const max = expressionFunctions.limits.expressionLength
  if (text.length > max) {
    return {
      ok: false,
      problem: {
        severity: 'error',
        code: 'expression-syntax',
        rule: 'expression.too-long',
        message: `The expression is ${text.length} characters long; the limit is ${max}.`,
        hint: 'Split the work over several nodes (a transform node builds an object field by field).',
        position: positionInExpression(text, max),
      },
    }
  }
  if (text.trim() === '') {
    return {
      ok: false,
      problem: {
        severity: 'error',
        code: 'expression-syntax',
        rule: 'expression.syntax',
        message: 'The expression is empty.',
        hint: 'Write a JSONata expression, e.g. input.orderId.',
        position: positionInExpression(text, 0),
      },
    }
  }
  try {
    const ast: unknown = jsonata(text).ast()
    if (!isAstNode(ast)) throw new Error('jsonata returned no AST')
    return { ok: true, ast }
  } catch (e) {
    const err = (typeof e === 'object' && e !== null ? e : {}) as JsonataParseError
    const end = typeof err.position === 'number' ? err.position : 0
    const token = typeof err.token === 'string' && err.token !== '(end)' ? err.token : ''
    const offset = Math.max(0, Math.min(end - token.length, text.length))
    const code = typeof err.code === 'string' ? err.code : 'S0000'
    const raw = typeof err.message === 'string' ? err.message : String(e)
    return {
      ok: false,
      problem: {
        severity: 'error',
        code: 'expression-syntax',
        rule: 'expression.syntax',
        message: `JSONata syntax error ${code}: ${raw}`,
        hint: 'Fix the expression at this position; see https://docs.jsonata.org for the syntax.',
        position: positionInExpression(text, offset, token.length),
      },
    }
  }
}
