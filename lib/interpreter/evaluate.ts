import jsonata from 'jsonata'

/** The one JSONata context of DESIGN §4. */
export type ExpressionContext = {
  input: unknown
  nodes: Record<string, unknown>
  item?: unknown
  run: { id: string; startedAt: string }
}

export type Evaluation = { ok: true; value: unknown } | { ok: false; message: string }

// Compiled expressions are immutable once built, so one cache serves every run (and every workflow in a worker).
const compiled = new Map<string, jsonata.Expression>()
const maxDepth = 200

/**
 * Evaluates one expression of the restricted profile. Adapter over `jsonata` until `lib/expressions`
 * (`evaluateExpression` with re2js and the profile limits) is wired in; only this function changes then.
 * Never throws: a compile or evaluation error is a value. The result is plain JSON (sequences flattened to arrays,
 * functions dropped); no match is `undefined`.
 *
 * Stack limit (profile `limits.stack`) is checked on the syntax tree at compile time: the profile has no
 * user-defined functions, hence no recursion, so evaluation depth is bounded by the tree's depth. (JSONata's own
 * timeout cannot work inside a workflow, whose clock is frozen; per-step hooks would cost every evaluation.)
 */
export async function evaluate(text: string, context: ExpressionContext): Promise<Evaluation> {
  let expression = compiled.get(text)
  try {
    if (!expression) {
      expression = jsonata(text)
      const depth = treeDepth(expression.ast(), 0)
      if (depth > maxDepth) return { ok: false, message: `expression nesting ${depth} exceeds ${maxDepth}` }
      compiled.set(text, expression)
    }
    const value = await expression.evaluate(context)
    return { ok: true, value: toJson(value) }
  } catch (error) {
    return { ok: false, message: errorMessage(error) }
  }
}

function treeDepth(node: unknown, depth: number): number {
  if (depth > maxDepth || node === null || typeof node !== 'object') return depth
  let deepest = depth
  for (const value of Object.values(node)) {
    if (value !== null && typeof value === 'object') deepest = Math.max(deepest, treeDepth(value, depth + 1))
  }
  return deepest
}

function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as { message: unknown; position?: unknown }
    return typeof e.position === 'number' ? `${String(e.message)} (at ${e.position})` : String(e.message)
  }
  return String(error)
}

/** JSON value of a JSONata result: arrays stay arrays, functions and undefined members vanish. */
export function toJson(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return undefined
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const v of value) {
      const j = toJson(v)
      if (j !== undefined) out.push(j)
    }
    return out
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const j = toJson(v)
    if (j !== undefined) out[k] = j
  }
  return out
}
