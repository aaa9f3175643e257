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
const compiled = new Map<string, { expression: jsonata.Expression; depth: { value: number } }>()
const maxDepth = 200

/**
 * Evaluates one expression of the restricted profile. Adapter over `jsonata` until `lib/expressions`
 * (`evaluateExpression` with re2js and the profile limits) lands; only this function changes then.
 * Never throws: a compile or evaluation error is a value. The result is plain JSON (sequences flattened to arrays,
 * functions dropped); no match is `undefined`.
 */
export async function evaluate(text: string, context: ExpressionContext): Promise<Evaluation> {
  let entry = compiled.get(text)
  try {
    if (!entry) {
      const expression = jsonata(text)
      const depth = { value: 0 }
      // Stack limit (profile `limits.stack`): JSONata's own timeout cannot work inside a workflow (frozen clock).
      expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, () => {
        depth.value++
        if (depth.value > maxDepth) throw new Error(`expression nesting exceeds ${maxDepth}`)
      })
      expression.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, () => {
        depth.value--
      })
      entry = { expression, depth }
      compiled.set(text, entry)
    }
    entry.depth.value = 0
    const value = await entry.expression.evaluate(context)
    return { ok: true, value: toJson(value) }
  } catch (error) {
    return { ok: false, message: errorMessage(error) }
  }
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
