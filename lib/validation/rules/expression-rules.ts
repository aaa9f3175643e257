import type { AstNode } from '../../expressions'
import {
  checkExpression,
  type ExpressionParseCache,
  type ExpressionScope,
  type JsonSchema,
  lookupField,
  parseExpression,
} from '../../expressions'
import type { ProcessFile } from '../../formats'
import { nodeOutputSchema } from '../node-output-schema'
import { availableOutputs, type GraphNode, processGraphs } from '../process-graph'
import type { ProjectFile, ProjectModel } from '../project-model'
import type { RuleContext } from '../rule-context'
import { offsetInStringLiteral } from '../string-literal-offset'

type Found = { pointer: string; expr: string }

const notExpressions = new Set(['output', 'schema', 'inputs', 'outputs', 'description', 'label'])

/** Every `{ "expr": "…" }` inside a node (for-each bodies excluded: their nodes are visited on their own). */
function expressionsOf(value: unknown, pointer: string, out: Found[], skipBody: boolean): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      expressionsOf(v, `${pointer}/${i}`, out, false)
    })
    return
  }
  if (typeof value !== 'object' || value === null) return
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (keys.length === 1 && typeof obj.expr === 'string') {
    out.push({ pointer: `${pointer}/expr`, expr: obj.expr })
    return
  }
  for (const k of keys) {
    if (notExpressions.has(k) || (skipBody && k === 'body')) continue
    expressionsOf(obj[k], `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, out, false)
  }
}

/** The schema of one item of a for-each, when its items expression is a plain path into a known schema. */
function itemSchema(items: string, scope: ExpressionScope, cache: ExpressionParseCache): JsonSchema | undefined {
  const parsed = parseExpression(items, cache)
  if (!parsed.ok || parsed.ast.type !== 'path') return undefined
  const names: string[] = []
  for (const step of parsed.ast.steps ?? []) {
    if (step.type !== 'name' || typeof step.value !== 'string' || (step as AstNode).stages) return undefined
    names.push(step.value)
  }
  const [root, ...rest] = names
  let schema: unknown
  let path = rest
  if (root === 'input') schema = scope.input
  else if (root === 'item') schema = scope.item?.schema
  else if (root === 'nodes' && rest[0] !== undefined) {
    schema = scope.nodes[rest[0]]?.output
    path = rest.slice(1)
  }
  if (schema === undefined) return undefined
  const rootSchema = schema
  for (const field of path) {
    const r = lookupField(schema, rootSchema, field)
    if (r.kind !== 'found') return undefined
    schema = r.schema
  }
  if (typeof schema === 'object' && schema !== null && 'items' in schema) {
    return (schema as { items: JsonSchema }).items
  }
  return undefined
}

function scopesOf(
  process: ProcessFile,
  model: ProjectModel,
  cache: ExpressionParseCache,
): Map<string, { gn: GraphNode; scope: ExpressionScope }> {
  const graphs = processGraphs(process)
  const processNodeIds = graphs.flatMap((g) => [...g.nodes.keys()])
  const outputs = new Map<string, JsonSchema | undefined>()
  for (const g of graphs) for (const [id, gn] of g.nodes) outputs.set(id, nodeOutputSchema(gn.node, model))
  const out = new Map<string, { gn: GraphNode; scope: ExpressionScope }>()
  const visit = (graphKey: string, inherited: string[], item: ExpressionScope['item']) => {
    const graph = graphs.find((g) => g.key === graphKey)
    if (!graph) return
    const avail = availableOutputs(graph)
    for (const [id, gn] of graph.nodes) {
      const ids = [...inherited, ...(avail.get(id) ?? [])]
      const nodes: Record<string, { output?: JsonSchema }> = {}
      for (const n of ids) {
        const schema = outputs.get(n)
        nodes[n] = schema === undefined ? {} : { output: schema }
      }
      const bodyOf: Record<string, string> = {}
      for (const g of graphs) {
        if (g.key === '' || g.key === graphKey || gn.forEachParents.includes(g.key)) continue
        for (const bodyNode of g.nodes.keys()) bodyOf[bodyNode] = g.key
      }
      const scope: ExpressionScope = { nodes, processNodeIds, bodyOf }
      if (process.inputs !== undefined) scope.input = process.inputs
      if (item) scope.item = item
      out.set(id, { gn, scope })
      if (gn.node.kind === 'for-each') {
        const schema = itemSchema(gn.node.items.expr, scope, cache)
        visit(id, ids, schema === undefined ? {} : { schema })
      }
    }
  }
  visit('', [], undefined)
  return out
}

function checkProcess(ctx: RuleContext, file: ProjectFile<ProcessFile>, process: ProcessFile): void {
  for (const [, { gn, scope }] of scopesOf(process, ctx.model, ctx.parseCache)) {
    const found: Found[] = []
    expressionsOf(gn.node, gn.pointer, found, gn.node.kind === 'for-each')
    for (const { pointer, expr } of found) {
      const { problems } = checkExpression(expr, scope, { parseCache: ctx.parseCache })
      const literal = file.locate(pointer)
      for (const p of problems) {
        const at =
          literal === undefined
            ? undefined
            : file.locateOffset(offsetInStringLiteral(file.text, literal.offset, p.position.offset))
        ctx.report({
          rule: { code: p.code, rule: p.rule },
          severity: p.severity,
          file,
          pointer,
          message: `Node ${gn.id}: ${p.message}`,
          hint: p.hint,
          ...(at ? { at: { line: at.line, column: at.column } } : {}),
        })
      }
    }
  }
}

/**
 * Every expression of every node, checked with the scope of its place: the process input, the outputs of the
 * nodes that certainly ran before it (on every path, not through a catch port; for-each bodies also see what
 * preceded their for-each), `item` inside for-each bodies (typed when the items expression is a plain path),
 * and `run`. Problems are located at the exact character inside the expression string.
 */
export function expressionRules(ctx: RuleContext): void {
  for (const file of ctx.model.processes) {
    if (file.value) checkProcess(ctx, file, file.value)
  }
}
