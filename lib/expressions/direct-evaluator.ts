import { type AstNode, astPairs, isAstNode } from './expression-ast'

/**
 * A synchronous evaluator for the plainest expressions — field paths through objects, literals, arithmetic,
 * comparisons, `and`/`or`, `&` on strings, `? :`, object and array constructors — the bulk of what processes
 * write. Why it exists: jsonata 2 evaluates every AST node through an `async` function (≈ 50 promises for
 * `input.x + 1`), and inside a Temporal workflow every promise pays the SDK's promise hook (a stack capture); that
 * hook was the largest single cost of an interpreted run (docs/decisions/runtime.md).
 *
 * jsonata stays the reference: this evaluator answers only where its result is provably jsonata's, and says
 * `DECLINED` everywhere else — a node kind or AST annotation outside the list below (at compile time), or a value
 * it does not model at run time (an array met on a path, a type error, a non-finite number, a string of a
 * number…). The caller then evaluates with jsonata, which gives the exact value or error. Differentially tested
 * against jsonata (direct-evaluator.test.ts).
 */
export const DECLINED: unique symbol = Symbol('declined')

export type DirectEvaluator = (root: Record<string, unknown>) => unknown | typeof DECLINED

type Scalar = string | number | boolean | null

// The keys each node kind may carry; any other key (predicate, group, stages, focus, keepArray, tuple…) changes
// jsonata's semantics, so the node is left to jsonata.
const allowedKeys: Record<string, ReadonlySet<string>> = {
  path: new Set(['type', 'steps', 'position']),
  name: new Set(['type', 'value', 'position']),
  string: new Set(['type', 'value', 'position']),
  number: new Set(['type', 'value', 'position']),
  value: new Set(['type', 'value', 'position']),
  binary: new Set(['type', 'value', 'position', 'lhs', 'rhs']),
  condition: new Set(['type', 'position', 'condition', 'then', 'else']),
  block: new Set(['type', 'position', 'expressions']),
  unary: new Set(['type', 'value', 'position', 'expression', 'expressions', 'lhs']),
}

const binaryOperators = new Set(['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '&'])

/**
 * Compiles `ast` (jsonata's, after its post-processing) into a direct evaluator, or returns undefined when the
 * expression uses anything outside the modelled subset. `limits` are the profile's: an expression nested deeper
 * than half the stack limit, or an array constructor longer than the sequence limit, is left to jsonata so its
 * D1011/D2015 errors stay its own.
 */
export function compileDirectEvaluator(
  ast: unknown,
  limits: { stack: number; sequence: number },
): DirectEvaluator | undefined {
  const depth = modelledDepth(ast, limits)
  if (depth === undefined || depth * 2 > limits.stack) return undefined
  const node = ast as AstNode
  return (root) => evaluateNode(node, root)
}

/** Nesting depth of a modelled expression, or undefined when some node is not modelled. */
function modelledDepth(node: unknown, limits: { sequence: number }): number | undefined {
  if (!isAstNode(node)) return undefined
  const keys = allowedKeys[node.type]
  if (!keys) return undefined
  for (const key of Object.keys(node)) if (!keys.has(key)) return undefined
  const children = (xs: unknown[]): number | undefined => {
    let max = 0
    for (const x of xs) {
      const d = modelledDepth(x, limits)
      if (d === undefined) return undefined
      max = Math.max(max, d)
    }
    return max + 1
  }
  switch (node.type) {
    case 'string':
      return typeof node.value === 'string' ? 1 : undefined
    case 'number':
      return typeof node.value === 'number' && Number.isFinite(node.value) ? 1 : undefined
    case 'value':
      return node.value === true || node.value === false || node.value === null ? 1 : undefined
    case 'name':
      return typeof node.value === 'string' ? 1 : undefined
    case 'path': {
      const steps = node.steps ?? []
      if (steps.length === 0 || !steps.every((s) => s.type === 'name')) return undefined
      // jsonata nests one evaluate per step below the path's own.
      const d = children(steps)
      return d === undefined ? undefined : d + 1
    }
    case 'binary':
      return binaryOperators.has(String(node.value)) ? children([node.lhs, node.rhs]) : undefined
    case 'condition':
      return children(node.else === undefined ? [node.condition, node.then] : [node.condition, node.then, node.else])
    case 'block':
      return node.expressions?.length === 1 ? children(node.expressions) : undefined
    case 'unary':
      return unaryDepth(node, children, limits)
    default:
      return undefined
  }
}

function unaryDepth(
  node: AstNode,
  children: (xs: unknown[]) => number | undefined,
  limits: { sequence: number },
): number | undefined {
  if (node.value === '-')
    return node.lhs === undefined && node.expressions === undefined ? children([node.expression]) : undefined
  if (node.value === '[') {
    const items = node.expressions
    if (!items || node.lhs !== undefined || node.expression !== undefined || items.length >= limits.sequence)
      return undefined
    return children(items)
  }
  if (node.value === '{') {
    if (node.expression !== undefined || node.expressions !== undefined || !Array.isArray(node.lhs)) return undefined
    const pairs = astPairs(node.lhs)
    const seen = new Set<string>()
    for (const pair of pairs) {
      const key = pair[0]
      // Literal keys only: computed keys group their input, duplicate keys are jsonata's D1009, and these two are
      // its D1013.
      if (pair.length !== 2 || key?.type !== 'string' || typeof key.value !== 'string') return undefined
      if (seen.has(key.value) || key.value === '_jsonata_lambda' || key.value === '_jsonata_function') return undefined
      seen.add(key.value)
    }
    // Key then value are evaluated one level below the constructor.
    return children(pairs.flat())
  }
  return undefined
}

function evaluateNode(node: AstNode, root: Record<string, unknown>): unknown | typeof DECLINED {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
      return node.value
    case 'path':
      return evaluatePath(node.steps as AstNode[], root)
    case 'block':
      return evaluateNode((node.expressions as AstNode[])[0] as AstNode, root)
    case 'condition': {
      const condition = evaluateNode(node.condition as AstNode, root)
      const truth = effectiveBoolean(condition)
      if (truth === DECLINED) return DECLINED
      if (truth) return evaluateNode(node.then as AstNode, root)
      return node.else === undefined ? undefined : evaluateNode(node.else, root)
    }
    case 'binary':
      return evaluateBinary(node, root)
    case 'unary':
      return evaluateUnary(node, root)
    default:
      return DECLINED
  }
}

/** Object steps only: an array anywhere (mapping, flattening, singleton rules) is jsonata's to evaluate. */
function evaluatePath(steps: AstNode[], root: Record<string, unknown>): unknown | typeof DECLINED {
  let value: unknown = root
  for (const step of steps) {
    if (value === undefined) return undefined
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return DECLINED
    const key = step.value as string
    // jsonata reads own properties only (prototype keys are not data).
    if (!Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
    if (typeof value === 'function') return DECLINED
  }
  if (Array.isArray(value)) return DECLINED
  if (typeof value === 'number' && !Number.isFinite(value)) return DECLINED
  return value
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
}

/** jsonata's `$boolean` for the values modelled here; undefined is false where jsonata uses it as a condition. */
function effectiveBoolean(v: unknown): boolean | typeof DECLINED {
  if (v === DECLINED) return DECLINED
  if (v === undefined || v === null) return false
  if (typeof v === 'boolean') return v
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'number') return Number.isFinite(v) ? v !== 0 : DECLINED
  return DECLINED
}

function evaluateBinary(node: AstNode, root: Record<string, unknown>): unknown | typeof DECLINED {
  const op = node.value as string
  const lhs = evaluateNode(node.lhs as AstNode, root)
  if (lhs === DECLINED) return DECLINED
  if (op === 'and' || op === 'or') {
    const l = effectiveBoolean(lhs)
    if (l === DECLINED) return DECLINED
    // Short-circuit exactly as jsonata does: the right side is not evaluated at all.
    if (op === 'and' ? !l : l) return l
    return effectiveBoolean(evaluateNode(node.rhs as AstNode, root))
  }
  const rhs = evaluateNode(node.rhs as AstNode, root)
  if (rhs === DECLINED) return DECLINED
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(op, lhs, rhs)
    case '=':
    case '!=':
      if (lhs === undefined || rhs === undefined) return false
      if (!isScalar(lhs) || !isScalar(rhs)) return DECLINED
      return op === '=' ? lhs === rhs : lhs !== rhs
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(op, lhs, rhs)
    case '&':
      if ((lhs !== undefined && typeof lhs !== 'string') || (rhs !== undefined && typeof rhs !== 'string'))
        return DECLINED
      return (lhs ?? '') + (rhs ?? '')
    default:
      return DECLINED
  }
}

function arithmetic(op: string, lhs: unknown, rhs: unknown): unknown | typeof DECLINED {
  const numeric = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v))
  if (!numeric(lhs) || !numeric(rhs)) return DECLINED
  if (lhs === undefined || rhs === undefined) return undefined
  const l = lhs as number
  const r = rhs as number
  const result = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r
  return Number.isFinite(result) ? result : DECLINED
}

function compare(op: string, lhs: unknown, rhs: unknown): unknown | typeof DECLINED {
  const comparable = (v: unknown) => v === undefined || typeof v === 'string' || typeof v === 'number'
  if (!comparable(lhs) || !comparable(rhs)) return DECLINED
  if (lhs === undefined || rhs === undefined) return undefined
  if (typeof lhs !== typeof rhs) return DECLINED
  const l = lhs as string | number
  const r = rhs as string | number
  return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r
}

function evaluateUnary(node: AstNode, root: Record<string, unknown>): unknown | typeof DECLINED {
  if (node.value === '-') {
    const v = evaluateNode(node.expression as AstNode, root)
    if (v === DECLINED || v === undefined) return v
    return typeof v === 'number' && Number.isFinite(v) ? -v : DECLINED
  }
  if (node.value === '[') {
    const out: unknown[] = []
    for (const item of node.expressions as AstNode[]) {
      const v = evaluateNode(item, root)
      if (v === DECLINED) return DECLINED
      if (v === undefined) continue
      // jsonata keeps an array nested only when the item is itself a constructor; otherwise it flattens it in.
      if (Array.isArray(v) && !(item.type === 'unary' && item.value === '[')) return DECLINED
      out.push(v)
    }
    return out
  }
  // Object constructor: jsonata builds a prototype-less object and drops undefined values.
  const out: Record<string, unknown> = Object.create(null)
  for (const pair of astPairs(node.lhs)) {
    const v = evaluateNode(pair[1] as AstNode, root)
    if (v === DECLINED) return DECLINED
    if (v !== undefined) out[(pair[0] as AstNode).value as string] = v
  }
  return out
}
