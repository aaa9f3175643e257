import { type AstNode, type JsonSchema, parseExpression } from '../../expressions'
import type { ProcessFile } from '../../formats'
import { allNodes } from '../process-graph'
import { byName, type ProjectFile } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

type SchemaObject = { [k: string]: unknown }
const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The literal keys of an object-constructor expression (`{ "a": …, "b": … }`), or undefined for anything else. */
export function objectKeys(ast: AstNode): string[] | undefined {
  if (ast.type !== 'unary' || ast.value !== '{' || !Array.isArray(ast.lhs)) return undefined
  const keys: string[] = []
  for (const pair of ast.lhs) {
    const key = pair[0]
    if (key?.type !== 'string' || typeof key.value !== 'string') return undefined
    keys.push(key.value)
  }
  return keys
}

/** Declared properties and required ones of an object schema; undefined when it does not declare properties. */
export function objectShape(
  schema: JsonSchema | undefined,
): { properties: string[]; required: string[]; closed: boolean } | undefined {
  if (!isObject(schema) || !isObject(schema.properties)) return undefined
  return {
    properties: Object.keys(schema.properties),
    required: Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [],
    closed: schema.additionalProperties === false,
  }
}

/**
 * Compares the keys of an object-constructor expression with the object schema it must match: missing required
 * properties, and keys a closed schema (additionalProperties: false) does not declare. Warnings: the run-time
 * check against the schema is the authority; this catches typos early.
 */
function checkShape(
  ctx: RuleContext,
  file: ProjectFile<ProcessFile>,
  pointer: string,
  expr: string,
  schema: JsonSchema | undefined,
  what: string,
): void {
  const shape = objectShape(schema)
  if (!shape) return
  const parsed = parseExpression(expr, ctx.parseCache)
  const keys = parsed.ok ? objectKeys(parsed.ast) : undefined
  if (!keys) return
  for (const r of shape.required) {
    if (keys.includes(r)) continue
    ctx.report({
      rule: R.valueMissingProperty,
      severity: 'warning',
      file,
      pointer,
      message: `${what} has no "${r}", which its schema requires.`,
      hint: `Add "${r}": … to the object, or make it optional in the schema.`,
    })
  }
  if (!shape.closed) return
  for (const k of keys) {
    if (shape.properties.includes(k)) continue
    ctx.report({
      rule: R.valueUnknownProperty,
      severity: 'warning',
      file,
      pointer,
      message: `${what} sets "${k}", which its schema does not allow (additionalProperties is false).`,
      hint: `Declared properties: ${shape.properties.join(', ') || 'none'}.`,
    })
  }
}

/**
 * Values against the schemas they must match, where the expression is an object constructor: return values vs
 * the success output (or the for-each item output), fail details vs the error schema, queue messages vs the
 * queue's message schema, transform fields vs the output schema; http URL placeholders vs params; and queue
 * consumers whose required inputs the message schema does not provide.
 */
export function valueShapeRules(ctx: RuleContext): void {
  for (const file of ctx.model.processes) {
    const process = file.value
    if (!process) continue
    const nodes = allNodes(process)
    for (const gn of nodes) {
      const node = gn.node
      if (node.kind === 'return') {
        const parentId = gn.forEachParents.at(-1)
        const parent = parentId === undefined ? undefined : nodes.find((n) => n.id === parentId)?.node
        const schema = parent?.kind === 'for-each' ? parent.output : process.outputs.success
        const what = parent ? `The item result of return node ${gn.id}` : `The output of return node ${gn.id}`
        checkShape(ctx, file, `${gn.pointer}/value/expr`, node.value.expr, schema, what)
      } else if (node.kind === 'fail') {
        const schema = process.outputs.errors[node.error]?.schema
        checkShape(
          ctx,
          file,
          `${gn.pointer}/details/expr`,
          node.details.expr,
          schema,
          `The details of ${node.error} (fail node ${gn.id})`,
        )
      } else if (node.kind === 'queue-publish') {
        const queue = byName(ctx.model.queues, node.queue)?.value
        checkShape(
          ctx,
          file,
          `${gn.pointer}/message/expr`,
          node.message.expr,
          queue?.message,
          `The message of node ${gn.id}`,
        )
      } else if (node.kind === 'transform') {
        const shape = objectShape(node.output)
        if (!shape) continue
        const fields = Object.keys(node.fields)
        for (const r of shape.required) {
          if (fields.includes(r)) continue
          ctx.report({
            rule: R.valueMissingProperty,
            severity: 'warning',
            file,
            pointer: `${gn.pointer}/fields`,
            message: `Transform ${gn.id} builds no field "${r}", which its output schema requires.`,
            hint: `Add "${r}": { "expr": "…" } to the fields.`,
          })
        }
        if (shape.closed) {
          for (const f of fields) {
            if (shape.properties.includes(f)) continue
            ctx.report({
              rule: R.valueUnknownProperty,
              severity: 'warning',
              file,
              pointer: `${gn.pointer}/fields/${f}`,
              message: `Transform ${gn.id} builds "${f}", which its output schema does not allow.`,
              hint: `Declared properties: ${shape.properties.join(', ') || 'none'}.`,
            })
          }
        }
      } else if (node.kind === 'http') {
        const placeholders = [...node.url.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] ?? '')
        const params = Object.keys(node.params ?? {})
        for (const p of placeholders) {
          if (params.includes(p)) continue
          ctx.report({
            rule: R.httpUnknownPlaceholder,
            file,
            pointer: `${gn.pointer}/url`,
            message: `The URL of node ${gn.id} has a placeholder {${p}} that no param fills.`,
            hint: `Add "${p}": { "expr": "…" } to params, or remove the placeholder.`,
          })
        }
        for (const p of params) {
          if (placeholders.includes(p)) continue
          ctx.report({
            rule: R.httpUnusedParam,
            severity: 'warning',
            file,
            pointer: `${gn.pointer}/params/${p}`,
            message: `Param ${p} of node ${gn.id} is not used in its URL.`,
            hint: `Write {${p}} in the URL where it goes, move it to query, or remove it.`,
          })
        }
      }
    }
    const trigger = process.execution.trigger
    if (trigger.kind === 'queue') {
      const message = objectShape(byName(ctx.model.queues, trigger.queue)?.value?.message)
      const inputs = objectShape(process.inputs)
      if (message && inputs) {
        for (const r of inputs.required) {
          if (message.properties.includes(r)) continue
          ctx.report({
            rule: R.queueConsumerInputMismatch,
            severity: 'warning',
            file,
            pointer: '/inputs/required',
            message: `Input ${r} is required, but messages of queue ${trigger.queue} have no property ${r}.`,
            hint: `A consumer's input is the message: require only properties of the message schema (${message.properties.join(', ')}).`,
          })
        }
      }
    }
  }
}
