import { checkSchema } from '../check-schema'
import { durationMs } from '../duration'
import { expressionValue, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { Column, DatabaseNode, DbSingleOperation, JsonSchema, Table } from '../process-types'
import type { Steps } from '../steps'
import type { ResolvedDbOperation } from '../types'

/**
 * database: resolves every expression of the declared operation, then asks the shell for one activity attempt.
 * The idempotency key is the run id + node path, the same for every retry of this node execution, so a write that
 * committed before a crash is found (and its recorded output returned) instead of done twice.
 */
export function* runDatabase(node: DatabaseNode, env: NodeEnv): Steps<NodeOutcome> {
  const block = env.bundle.databases[node.database]
  if (!block) return unsupported(`database ${node.database} is not in the run's definitions`)
  if (block.type !== 'sql')
    return unsupported(`database ${node.database} is ${block.type}: validated, not yet executable`)
  const operation = (yield* resolve(node.operation, env, 'operation')) as ResolvedDbOperation
  return {
    type: 'activity',
    input: operation,
    timeoutMs: durationMs(node.timeout),
    request: {
      kind: 'database',
      database: node.database,
      block,
      operation,
      idempotencyKey: `${env.run.id}/${env.path}`,
    },
  }
}

/** Checks the activity's result against the schema derived from the block's columns. */
export function completeDatabase(node: DatabaseNode, result: unknown, env: NodeEnv): NodeOutcome {
  const tables = env.bundle.databases[node.database]?.tables ?? {}
  const schema = outputSchema(node.operation, tables)
  const mismatch = checkSchema(schema, result)
  if (mismatch) return outputMismatch('the database result', mismatch)
  return { type: 'done', output: result, port: 'out' }
}

function unsupported(message: string): NodeOutcome {
  return { type: 'error', error: { name: 'unsupported', message } }
}

function* resolve(value: unknown, env: NodeEnv, where: string): Steps<unknown> {
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (let i = 0; i < value.length; i++) out.push(yield* resolve(value[i], env, `${where}/${i}`))
    return out
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
    if (keys.length === 1 && keys[0] === 'expr' && typeof record.expr === 'string') {
      return { value: yield* expressionValue(env, { expr: record.expr }, where) }
    }
    const out: Record<string, unknown> = {}
    for (const key of keys) out[key] = yield* resolve(record[key], env, `${where}/${key}`)
    return out
  }
  return value
}

const columnJsonType: Record<Column['type'], string> = {
  text: 'string',
  integer: 'integer',
  bigint: 'integer',
  numeric: 'number',
  double: 'number',
  boolean: 'boolean',
  uuid: 'string',
  date: 'string',
  timestamptz: 'string',
  jsonb: '',
}

/** JSON Schema of one row of a table (optionally only some columns), as the activity returns it. */
export function rowSchema(table: Table, select?: string[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const [name, column] of Object.entries(table.columns)) {
    if (select && !select.includes(name)) continue
    const type = columnJsonType[column.type]
    properties[name] = type === '' ? true : { type: column.nullable ? [type, 'null'] : type }
  }
  return { type: 'object', properties }
}

function singleSchema(op: DbSingleOperation, tables: Record<string, Table>): JsonSchema {
  const table = tables[op.table]
  if (!table) return true
  switch (op.op) {
    case 'get':
      return rowSchema(table, op.select)
    case 'find':
      return { type: 'array', items: op.joins?.length ? true : rowSchema(table, op.select) }
    case 'insert':
    case 'upsert':
      return rowSchema(table)
    case 'update':
      return { type: 'array', items: rowSchema(table) }
    case 'delete':
      return { type: 'object', properties: { deleted: { type: 'integer' } }, required: ['deleted'] }
    case 'aggregate':
      return { type: 'array' }
  }
}

function outputSchema(op: DatabaseNode['operation'], tables: Record<string, Table>): JsonSchema {
  if (op.op !== 'transaction') return singleSchema(op, tables)
  const properties: Record<string, JsonSchema> = {}
  for (const step of op.steps) properties[step.name] = singleSchema(step.operation, tables)
  return { type: 'object', properties, required: op.steps.map((s) => s.name) }
}
