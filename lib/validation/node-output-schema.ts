import type { Column, DatabaseFile, DbOperation, JsonSchema, Node, ProcessFile } from '../formats'
import { byName, type ProjectModel } from './project-model'

const columnTypes: Record<Column['type'], JsonSchema> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  bigint: { type: 'string' },
  numeric: { type: 'string' },
  double: { type: 'number' },
  boolean: { type: 'boolean' },
  uuid: { type: 'string', format: 'uuid' },
  date: { type: 'string', format: 'date' },
  timestamptz: { type: 'string', format: 'date-time' },
  jsonb: true,
}

function rowSchema(db: DatabaseFile | undefined, table: string, select?: string[]): JsonSchema | undefined {
  if (!db) return undefined
  if (db.type !== 'sql') return db.collections?.[table]
  const t = db.tables?.[table]
  if (!t) return undefined
  const properties: Record<string, JsonSchema> = {}
  for (const [name, col] of Object.entries(t.columns)) {
    if (select && select.length > 0 && !select.includes(name)) continue
    const base = columnTypes[col.type]
    properties[name] = col.nullable && typeof base === 'object' ? { ...base, type: [String(base.type), 'null'] } : base
  }
  return { type: 'object', properties }
}

function operationOutput(db: DatabaseFile | undefined, op: DbOperation): JsonSchema | undefined {
  switch (op.op) {
    case 'get':
      return rowSchema(db, op.table, op.select)
    case 'find': {
      const row = op.joins && op.joins.length > 0 ? true : rowSchema(db, op.table, op.select)
      return row === undefined ? undefined : { type: 'array', items: row }
    }
    case 'insert':
    case 'upsert':
      return rowSchema(db, op.table)
    case 'update': {
      const row = rowSchema(db, op.table)
      return row === undefined ? undefined : { type: 'array', items: row }
    }
    case 'delete':
      return { type: 'object', properties: { deleted: { type: 'integer' } } }
    case 'aggregate': {
      const properties: Record<string, JsonSchema> = {}
      const row = rowSchema(db, op.table)
      const cols =
        typeof row === 'object' && typeof row.properties === 'object'
          ? (row.properties as Record<string, JsonSchema>)
          : {}
      for (const g of op.groupBy ?? []) properties[g] = cols[g] ?? true
      for (const [alias, a] of Object.entries(op.aggregates))
        properties[alias] = a.fn === 'count' ? { type: 'integer' } : true
      return { type: 'array', items: { type: 'object', properties } }
    }
    case 'transaction': {
      const properties: Record<string, JsonSchema> = {}
      for (const step of op.steps) properties[step.name] = operationOutput(db, step.operation) ?? true
      return { type: 'object', properties }
    }
  }
}

/**
 * The schema of a node's output (DESIGN §4): declared on compute, transform and for-each (per item); derived
 * from the block's columns for database nodes, from the output response for http, from the callee for
 * call-process. undefined when it cannot be known (then field paths are not checked).
 */
export function nodeOutputSchema(node: Node, model: ProjectModel): JsonSchema | undefined {
  switch (node.kind) {
    case 'compute':
    case 'transform':
      return node.output
    case 'for-each':
      return { type: 'array', items: node.output }
    case 'database':
      return operationOutput(byName(model.databases, node.database)?.value, node.operation)
    case 'http':
      return node.responses.find((r) => r.output)?.schema
    case 'queue-publish':
      return { type: 'object', properties: { messageId: { type: 'string' } } }
    case 'call-process':
      return (byName(model.processes, node.process)?.value as ProcessFile | undefined)?.outputs.success
    case 'wait':
      return { type: 'null' }
    case 'condition':
    case 'return':
    case 'fail':
      return undefined
  }
}
