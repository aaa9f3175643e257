import { RE2JS } from 're2js'
import { type AstNode, astLhs, astPairs, tokenStart } from './expression-ast'
import { expressionFunctions } from './expression-functions'
import { positionInExpression } from './expression-position'
import { expressionRules } from './expression-rules'
import { type ExpressionScope, runFields } from './expression-scope'
import { type ExpressionParseCache, type ExpressionProblem, parseExpression } from './parse-expression'
import { translateRegex } from './re2-regex-engine'
import { lookupField } from './schema-fields'

export type CheckExpressionResult = { ast?: AstNode; problems: ExpressionProblem[] }

type Ctx = 'root' | 'other'

type Walk = {
  text: string
  /** undefined: check only the profile (functions, lambdas, regexes), not references. */
  scope: ExpressionScope | undefined
  problems: ExpressionProblem[]
  /** Variables bound anywhere in the expression (lambda parameters, :=, @ and # bindings). */
  bound: Set<string>
  /** Variables bound to a lambda or partial application (already reported at their binding). */
  namedFunctions: Set<string>
  /** Lambda and partial nodes that are direct arguments of a higher-order built-in. */
  inlineArgs: Set<AstNode>
  /** Lambda parameters known to hold one item of a schema'd array (for field-path warnings). */
  varSchemas: Map<string, { schema: unknown; root: unknown }>
  /** Start offsets of names already explained by another problem (the `order` of `nodes.save-order`). */
  skipOffsets: Set<number>
}

function report(
  w: Walk,
  rule: { code: string; rule: string },
  node: AstNode | { offset: number; length: number },
  message: string,
  hint: string,
  severity: 'error' | 'warning' = 'error',
): void {
  const at = 'type' in node ? tokenStart(w.text, node) : node
  w.problems.push({ severity, ...rule, message, hint, position: positionInExpression(w.text, at.offset, at.length) })
}

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = []
  const push = (n: AstNode | undefined) => {
    if (n) out.push(n)
  }
  for (const s of node.steps ?? []) push(s)
  for (const s of node.stages ?? []) push(s)
  for (const s of node.predicate ?? []) push(s)
  for (const pair of astPairs(node.group?.lhs)) for (const n of pair) push(n)
  for (const a of node.arguments ?? []) push(a)
  push(node.procedure)
  push(node.body)
  for (const e of node.expressions ?? []) push(e)
  push(node.expression)
  if (Array.isArray(node.lhs)) for (const pair of node.lhs) for (const n of pair) push(n)
  else push(node.lhs)
  push(node.rhs)
  push(node.condition)
  push(node.then)
  push(node.else)
  push(node.pattern)
  push(node.update)
  push(node.delete)
  for (const t of node.terms ?? []) push(t.expression)
  push(node.expr)
  return out
}

function collectBindings(node: AstNode, w: Walk, depth = 0): void {
  if (depth > 500) return
  if (node.type === 'lambda') {
    for (const a of node.arguments ?? []) if (typeof a.value === 'string') w.bound.add(a.value)
  }
  if (node.type === 'bind') {
    const lhs = astLhs(node)
    if (lhs && typeof lhs.value === 'string') {
      w.bound.add(lhs.value)
      if (node.rhs?.type === 'lambda' || node.rhs?.type === 'partial') w.namedFunctions.add(lhs.value)
    }
  }
  if (typeof node.focus === 'string') w.bound.add(node.focus)
  if (typeof node.index === 'string') w.bound.add(node.index)
  for (const c of children(node)) collectBindings(c, w, depth + 1)
}

function referencesVariable(node: AstNode, name: string, depth = 0): boolean {
  if (depth > 500) return false
  if (node.type === 'variable' && node.value === name) return true
  return children(node).some((c) => referencesVariable(c, name, depth + 1))
}

function available(scope: ExpressionScope): string {
  return ['input', 'nodes', ...(scope.item ? ['item'] : []), 'run'].join(', ')
}

function nodeList(scope: ExpressionScope): string {
  const ids = Object.keys(scope.nodes).sort()
  return ids.length === 0 ? 'none yet' : ids.map((id) => `nodes.${quoteName(id)}`).join(', ')
}

/** A name as written in JSONata: backticks when it is not a plain identifier (node ids with hyphens). */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``
}

function checkFieldPath(w: Walk, schema: unknown, steps: AstNode[], described: string, root: unknown = schema): void {
  let current: unknown = schema
  let path = described
  for (const step of steps) {
    if (step.type !== 'name' || typeof step.value !== 'string') return
    const r = lookupField(current, root, step.value)
    if (r.kind === 'unknown') return
    if (r.kind === 'missing') {
      const list = r.available.length > 0 ? r.available.join(', ') : 'no named fields'
      report(
        w,
        expressionRules.unknownField,
        step,
        `${path} has no field \`${step.value}\` in its schema (it has ${list}).`,
        'Check the spelling against the schema, or declare the field in the schema.',
        'warning',
      )
      return
    }
    current = r.schema
    path = `${path}.${quoteName(step.value)}`
  }
}

/** The schema a root path (`input.items`, nodes.`load`, `item.lines`) has, with the root for its `$ref`s. */
function rootPathSchema(w: Walk, node: AstNode): { schema: unknown; root: unknown } | undefined {
  const scope = w.scope
  if (!scope || node.type !== 'path') return undefined
  const names: string[] = []
  for (const step of node.steps ?? []) {
    if (step.type !== 'name' || typeof step.value !== 'string') return undefined
    names.push(step.value)
  }
  const [first, ...rest] = names
  let root: unknown
  let path = rest
  if (first === 'input') root = scope.input
  else if (first === 'item') root = scope.item?.schema
  else if (first === 'nodes' && rest[0] !== undefined) {
    root = scope.nodes[rest[0]]?.output
    path = rest.slice(1)
  }
  if (root === undefined) return undefined
  let schema: unknown = root
  for (const field of path) {
    const r = lookupField(schema, root, field)
    if (r.kind !== 'found') return undefined
    schema = r.schema
  }
  return { schema, root }
}

/** Which lambda parameters of a higher-order built-in receive one item of its first argument. */
const itemParameters: Readonly<Record<string, readonly number[]>> = {
  $map: [0],
  $filter: [0],
  $single: [0],
  $sift: [],
  $sort: [0, 1],
  $reduce: [1],
  $each: [],
}

/** Checks a path (or bare name) evaluated against the expression context: `input…`, `nodes.<id>…`, `item…`, `run…`. */
function checkRootPath(w: Walk, steps: AstNode[]): void {
  const scope = w.scope
  const first = steps[0]
  if (!scope || !first || first.type !== 'name' || typeof first.value !== 'string') return
  if (w.skipOffsets.has(tokenStart(w.text, first).offset)) return
  const root = first.value
  const rest = steps.slice(1)
  if (root === 'input') {
    if (scope.input !== undefined) checkFieldPath(w, scope.input, rest, 'input')
    return
  }
  if (root === 'run') {
    const field = rest[0]
    if (field?.type === 'name' && typeof field.value === 'string' && !runFields.includes(field.value as 'id')) {
      report(
        w,
        expressionRules.unknownRunField,
        field,
        `run has no field \`${field.value}\`; it has ${runFields.join(', ')}.`,
        'run.id is the run id and run.startedAt its start time (ISO 8601), both fixed for the whole run.',
      )
    }
    return
  }
  if (root === 'item') {
    if (!scope.item) {
      report(
        w,
        expressionRules.itemOutsideForEach,
        first,
        `\`item\` exists only inside a for-each body; here the context has ${available(scope)}.`,
        'Move this node into the body of a for-each node, or read the array through input or nodes.',
      )
      return
    }
    if (scope.item.schema !== undefined) checkFieldPath(w, scope.item.schema, rest, 'item')
    return
  }
  if (root === 'nodes') {
    const idStep = rest[0]
    if (idStep?.type !== 'name' || typeof idStep.value !== 'string') return
    const id = idStep.value
    const node = scope.nodes[id]
    if (node) {
      if (node.output !== undefined) checkFieldPath(w, node.output, rest.slice(1), `nodes.${quoteName(id)}`)
      return
    }
    const all = scope.processNodeIds ?? []
    // `nodes.save-order` parses as `nodes.save - order`: recognise it from the text and explain the backticks.
    const after = /^\s*-\s*([a-z0-9]+(?:-[a-z0-9]+)*)/.exec(w.text.slice(idStep.position ?? 0))
    const hyphenated = after ? `${id}-${after[1]}` : undefined
    if (after && hyphenated && (Object.hasOwn(scope.nodes, hyphenated) || all.includes(hyphenated))) {
      w.skipOffsets.add((idStep.position ?? 0) + after[0].length - (after[1] ?? '').length)
      report(
        w,
        expressionRules.unknownNode,
        idStep,
        `\`nodes.${id} - …\` subtracts; node ids with hyphens must be quoted: nodes.\`${hyphenated}\`.`,
        `Write nodes.\`${hyphenated}\` (backticks) to read the output of node ${hyphenated}.`,
      )
      return
    }
    const body = scope.bodyOf?.[id]
    if (body !== undefined) {
      report(
        w,
        expressionRules.nodeNotRun,
        idStep,
        `Node ${id} runs inside the body of for-each ${body}; its results are not visible here.`,
        `Read nodes.${quoteName(body)} (the array of the body's return values) after the for-each instead.`,
      )
      return
    }
    if (all.includes(id)) {
      report(
        w,
        expressionRules.nodeNotRun,
        idStep,
        `Node ${id} has not certainly run before this point (it is not on every path leading here); available: ${nodeList(scope)}.`,
        'Read only outputs of nodes that precede this one on every path, or move this node after it.',
      )
      return
    }
    report(
      w,
      expressionRules.unknownNode,
      idStep,
      `There is no node ${id} in this process; available here: ${nodeList(scope)}.`,
      'Use the id of a node (not its label); ids are shown in the node properties.',
    )
    return
  }
  const asInputField = scope.input !== undefined && lookupField(scope.input, scope.input, root).kind === 'found'
  report(
    w,
    expressionRules.unknownRoot,
    first,
    `\`${root}\` is not in the expression context; available: ${available(scope)}.`,
    asInputField ? `Did you mean input.${quoteName(root)}?` : 'Start the path with input, nodes.<nodeId>, item or run.',
  )
}

function checkRegex(w: Walk, node: AstNode): void {
  const re = node.value
  if (!(re instanceof RegExp)) return
  try {
    RE2JS.compile(translateRegex(re.source), 0)
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e)
    report(
      w,
      expressionRules.regexUnsupported,
      node,
      `The regular expression /${re.source}/ is not supported by the linear-time engine (${detail}).`,
      'Backreferences and lookaround cannot be matched in linear time; rewrite without them.',
    )
  }
}

function checkFunctionName(w: Walk, procedure: AstNode, called: boolean): void {
  const name = typeof procedure.value === 'string' ? procedure.value : ''
  if (name === '' || name === '$') return
  const full = `$${name}`
  if (w.bound.has(name)) {
    if (called && !w.namedFunctions.has(name)) {
      report(
        w,
        expressionRules.functionNotBuiltin,
        procedure,
        `${full} is a variable, not a built-in function; only built-in functions can be called.`,
        'Call a built-in (see the allow-list) or compute the value in an earlier node.',
      )
    }
    return
  }
  const reason = expressionFunctions.forbidden[full]
  if (reason !== undefined) {
    report(
      w,
      expressionRules.functionForbidden,
      procedure,
      `${full} is not allowed in Backplane expressions: ${reason}.`,
      reason.includes('use ')
        ? `Instead, ${reason.slice(reason.indexOf('use '))}.`
        : 'Remove it; expressions must be pure and deterministic.',
    )
    return
  }
  if (expressionFunctions.allowed.has(full)) return
  report(
    w,
    called ? expressionRules.functionUnknown : expressionRules.unknownVariable,
    procedure,
    called
      ? `${full} is not a function of the expression profile.`
      : `${full} is not bound; expressions read the context through input, nodes, item and run, not variables.`,
    called
      ? 'Use one of the allowed built-in functions (schemas/expression-functions.json).'
      : 'Write input.x rather than $x, or bind the variable with := first.',
  )
}

function walk(node: AstNode, ctx: Ctx, w: Walk, parent: AstNode | undefined, depth: number): void {
  if (depth > 500) return
  switch (node.type) {
    case 'path': {
      const steps = node.steps ?? []
      const first = steps[0]
      // $$ restarts from the context root; $ is the current context.
      const second: Ctx =
        first?.type === 'variable' && first.value === '$'
          ? 'root'
          : first?.type === 'variable' && first.value === ''
            ? ctx
            : 'other'
      const typed = first?.type === 'variable' ? w.varSchemas.get(String(first.value)) : undefined
      if (typed) checkFieldPath(w, typed.schema, steps.slice(1), `$${String(first?.value)}`, typed.root)
      if (first?.type === 'name' && ctx === 'root') checkRootPath(w, steps)
      else if (second === 'root' && steps[1]?.type === 'name') checkRootPath(w, steps.slice(1))
      steps.forEach((step, i) => {
        walkStep(step, i === 0 ? ctx : i === 1 ? second : 'other', w, depth)
      })
      for (const pair of astPairs(node.group?.lhs)) for (const n of pair) walk(n, 'other', w, node, depth + 1)
      return
    }
    case 'name':
      if (ctx === 'root') checkRootPath(w, [node])
      walkOwn(node, 'other', w, depth)
      return
    case 'variable':
      checkFunctionName(w, node, false)
      walkOwn(node, 'other', w, depth)
      return
    case 'function':
    case 'partial': {
      const proc = node.procedure
      const hof =
        proc?.type === 'variable' &&
        !w.bound.has(String(proc.value)) &&
        expressionFunctions.higherOrder.has(`$${String(proc.value)}`)
      if (proc?.type === 'variable') checkFunctionName(w, proc, true)
      else if (proc) {
        report(
          w,
          expressionRules.functionNotBuiltin,
          proc,
          'Only built-in functions can be called; this calls a computed value.',
          'Call a built-in function by its name, e.g. $map(…).',
        )
        walk(proc, ctx, w, node, depth + 1)
      }
      if (node.type === 'partial' && !w.inlineArgs.has(node) && parent?.type !== 'bind') {
        report(
          w,
          expressionRules.lambdaNotInline,
          proc ?? node,
          'A partial application is a function value; function values may only be arguments of higher-order built-ins.',
          'Pass it directly to $map, $filter, $reduce, $sort, $single, $sift or $each.',
        )
      }
      const source = hof && node.arguments?.[0] ? rootPathSchema(w, node.arguments[0]) : undefined
      for (const arg of node.arguments ?? []) {
        if (hof && (arg.type === 'lambda' || arg.type === 'partial')) w.inlineArgs.add(arg)
        if (source && arg.type === 'lambda') {
          // Arrays map steps over their items (lookupField does), so the array schema stands for one item.
          for (const i of itemParameters[`$${String(proc?.value)}`] ?? []) {
            const param = arg.arguments?.[i]?.value
            if (typeof param === 'string') w.varSchemas.set(param, source)
          }
        }
        if (arg.type === 'operator') continue
        walk(arg, ctx, w, node, depth + 1)
      }
      walkExtras(node, w, depth)
      return
    }
    case 'lambda': {
      if (!node.thunk && !w.inlineArgs.has(node) && parent?.type !== 'bind') {
        report(
          w,
          expressionRules.lambdaNotInline,
          { offset: Math.max(0, w.text.lastIndexOf('function', node.position ?? 0)), length: 8 },
          'Functions may only be written inline as an argument of a higher-order built-in ($map, $filter, $reduce, $sort, $single, $sift, $each).',
          'Pass the function directly to the higher-order built-in; user-defined functions are not part of the profile.',
        )
      }
      if (node.body) walk(node.body, ctx, w, node, depth + 1)
      return
    }
    case 'bind': {
      const lhs = astLhs(node)
      const name = typeof lhs?.value === 'string' ? lhs.value : ''
      const rhs = node.rhs
      if (rhs && (rhs.type === 'lambda' || rhs.type === 'partial') && lhs) {
        const recursive = rhs.type === 'lambda' && rhs.body !== undefined && referencesVariable(rhs.body, name)
        report(
          w,
          recursive ? expressionRules.recursion : expressionRules.lambdaNamed,
          lhs,
          recursive
            ? `$${name} calls itself: recursion is not allowed (expressions must terminate).`
            : `$${name} := function…: named functions are not allowed.`,
          recursive
            ? 'Iterate with $map, $filter or $reduce, or loop with a for-each node.'
            : 'Write the function inline as the argument of $map, $filter, $reduce, $sort, $single, $sift or $each.',
        )
      }
      if (rhs) walk(rhs, ctx, w, node, depth + 1)
      return
    }
    case 'regex':
      checkRegex(w, node)
      walkExtras(node, w, depth)
      return
    case 'unary':
      if (node.value === '{') {
        for (const pair of astPairs(node.lhs)) for (const n of pair) walk(n, ctx, w, node, depth + 1)
        walkExtras(node, w, depth)
        return
      }
      for (const e of node.expressions ?? []) walk(e, ctx, w, node, depth + 1)
      if (node.expression) walk(node.expression, ctx, w, node, depth + 1)
      walkExtras(node, w, depth)
      return
    case 'transform':
      for (const n of [node.pattern, node.update, node.delete]) if (n) walk(n, 'other', w, node, depth + 1)
      return
    case 'sort':
      for (const t of node.terms ?? []) walk(t.expression, 'other', w, node, depth + 1)
      return
    case 'filter':
      if (node.expr) walk(node.expr, 'other', w, node, depth + 1)
      return
    default: {
      // binary, apply, condition, block and leaves: operands are evaluated in the same context.
      const lhs = astLhs(node)
      if (lhs) walk(lhs, ctx, w, node, depth + 1)
      for (const n of [node.rhs, node.condition, node.then, node.else]) if (n) walk(n, ctx, w, node, depth + 1)
      for (const e of node.expressions ?? []) walk(e, ctx, w, node, depth + 1)
      walkExtras(node, w, depth)
    }
  }
}

/** A path step: the step itself (already reference-checked by its path), then its filters. */
function walkStep(step: AstNode, ctx: Ctx, w: Walk, depth: number): void {
  if (step.type === 'name') {
    walkOwn(step, 'other', w, depth)
    return
  }
  if (step.type === 'variable') {
    checkFunctionName(w, step, false)
    walkOwn(step, 'other', w, depth)
    return
  }
  walk(step, ctx, w, undefined, depth + 1)
}

/** Filters (stages, predicates) and group-by of a node, evaluated per item: relative context. */
function walkOwn(node: AstNode, ctx: Ctx, w: Walk, depth: number): void {
  for (const s of node.stages ?? []) walk(s, ctx, w, node, depth + 1)
  walkExtras(node, w, depth)
}

function walkExtras(node: AstNode, w: Walk, depth: number): void {
  for (const s of node.predicate ?? []) walk(s, 'other', w, node, depth + 1)
  for (const pair of astPairs(node.group?.lhs)) for (const n of pair) walk(n, 'other', w, node, depth + 1)
}

function dedupe(problems: ExpressionProblem[]): ExpressionProblem[] {
  const seen = new Set<string>()
  return problems
    .filter((p) => {
      const key = `${p.rule}@${p.position.offset}:${p.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort((a, b) => a.position.offset - b.position.offset || a.rule.localeCompare(b.rule))
}

/**
 * Statically checks one expression against the restricted profile: only allow-listed functions (forbidden ones
 * with their reason), lambdas only inline as arguments of higher-order built-ins (no named functions, no
 * recursion), regular expressions the linear-time engine accepts. With a `scope`, references are checked too:
 * root names, `nodes.<id>` available here, `item` only inside for-each, `run.id`/`run.startedAt`, and field paths
 * against known schemas (warnings). Without a scope only the profile is checked. Pure; never throws.
 */
export function checkExpression(
  text: string,
  scope?: ExpressionScope,
  options: { parseCache?: ExpressionParseCache } = {},
): CheckExpressionResult {
  const parsed = parseExpression(text, options.parseCache)
  if (!parsed.ok) return { problems: [parsed.problem] }
  const w: Walk = {
    text,
    scope,
    problems: [],
    bound: new Set(),
    namedFunctions: new Set(),
    inlineArgs: new Set(),
    skipOffsets: new Set(),
    varSchemas: new Map(),
  }
  collectBindings(parsed.ast, w)
  walk(parsed.ast, 'root', w, undefined, 0)
  return { ast: parsed.ast, problems: dedupe(w.problems) }
}
