import type { DatabaseFile, DbOperation, ProcessFile } from '../../formats'
import { allNodes } from '../process-graph'
import { byName, type ProjectFile } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

type Capability = DatabaseFile['capabilities'][number]

/** What each part of an operation needs from the block (DESIGN §4). */
function requiredCapabilities(op: DbOperation): { capability: Capability; because: string; pointer: string }[] {
  const out: { capability: Capability; because: string; pointer: string }[] = []
  const crud = (because: string) => out.push({ capability: 'crud', because, pointer: '/op' })
  switch (op.op) {
    case 'get':
    case 'insert':
      crud(op.op)
      break
    case 'find':
      crud('find')
      if (op.filter && op.filter.length > 0)
        out.push({ capability: 'filtering', because: 'filter', pointer: '/filter' })
      if (op.orderBy && op.orderBy.length > 0)
        out.push({ capability: 'pagination', because: 'orderBy', pointer: '/orderBy' })
      if (op.limit) out.push({ capability: 'pagination', because: 'limit', pointer: '/limit' })
      if (op.offset) out.push({ capability: 'pagination', because: 'offset', pointer: '/offset' })
      if (op.joins && op.joins.length > 0) out.push({ capability: 'joins', because: 'joins', pointer: '/joins' })
      break
    case 'update':
    case 'delete':
      crud(op.op)
      out.push({ capability: 'filtering', because: `${op.op} by filter`, pointer: '/filter' })
      break
    case 'upsert':
      crud('upsert')
      out.push({ capability: 'constraints', because: 'upsert on conflict', pointer: '/conflict' })
      break
    case 'aggregate':
      out.push({ capability: 'aggregations', because: 'aggregate', pointer: '/op' })
      if (op.filter && op.filter.length > 0)
        out.push({ capability: 'filtering', because: 'filter', pointer: '/filter' })
      break
    case 'transaction':
      out.push({ capability: 'transactions', because: 'transaction', pointer: '/op' })
      op.steps.forEach((step, i) => {
        for (const r of requiredCapabilities(step.operation)) {
          out.push({ ...r, pointer: `/steps/${i}/operation${r.pointer}` })
        }
      })
      break
  }
  return out
}

type ColumnRef = { column: string; pointer: string; what: string }

function columnRefs(op: Exclude<DbOperation, { op: 'transaction' }>): ColumnRef[] {
  const refs: ColumnRef[] = []
  const keys = (obj: Record<string, unknown> | undefined, at: string, what: string) => {
    for (const k of Object.keys(obj ?? {})) refs.push({ column: k, pointer: `${at}/${k}`, what })
  }
  const list = (arr: string[] | undefined, at: string, what: string) => {
    arr?.forEach((c, i) => {
      refs.push({ column: c, pointer: `${at}/${i}`, what })
    })
  }
  const filter = (f: { column: string }[] | undefined) => {
    f?.forEach((c, i) => {
      refs.push({ column: c.column, pointer: `/filter/${i}/column`, what: 'filter' })
    })
  }
  switch (op.op) {
    case 'get':
      keys(op.key, '/key', 'key')
      list(op.select, '/select', 'select')
      break
    case 'find':
      list(op.select, '/select', 'select')
      filter(op.filter)
      op.orderBy?.forEach((o, i) => {
        refs.push({ column: o.column, pointer: `/orderBy/${i}/column`, what: 'orderBy' })
      })
      break
    case 'insert':
      keys(op.values, '/values', 'values')
      break
    case 'update':
      filter(op.filter)
      keys(op.set, '/set', 'set')
      break
    case 'upsert':
      keys(op.values, '/values', 'values')
      list(op.conflict, '/conflict', 'conflict')
      break
    case 'delete':
      filter(op.filter)
      break
    case 'aggregate':
      filter(op.filter)
      list(op.groupBy, '/groupBy', 'groupBy')
      for (const [alias, a] of Object.entries(op.aggregates)) {
        if (a.column !== undefined)
          refs.push({ column: a.column, pointer: `/aggregates/${alias}/column`, what: 'aggregate' })
      }
      break
  }
  return refs
}

function checkOperation(
  ctx: RuleContext,
  file: ProjectFile<ProcessFile>,
  db: DatabaseFile,
  op: DbOperation,
  at: string,
  nodeId: string,
): void {
  if (op.op === 'transaction') {
    op.steps.forEach((step, i) => {
      checkOperation(ctx, file, db, step.operation, `${at}/steps/${i}/operation`, nodeId)
    })
    return
  }
  const tables = db.type === 'sql' ? (db.tables ?? {}) : (db.collections ?? {})
  const noun = db.type === 'sql' ? 'table' : 'collection'
  if (!Object.hasOwn(tables, op.table)) {
    ctx.report({
      rule: R.dbUnknownTable,
      file,
      pointer: `${at}/table`,
      message: `Node ${nodeId}: database ${db.name} has no ${noun} ${op.table} (it has ${Object.keys(tables).join(', ') || 'none'}).`,
      hint: `Use a declared ${noun}, or declare it in infra/databases/${db.name}.database.json.`,
    })
    return
  }
  if (db.type !== 'sql' || !db.tables) return
  const table = db.tables[op.table]
  if (!table) return
  const joined = new Map<string, string[]>([[op.table, Object.keys(table.columns)]])
  if (op.op === 'find') {
    op.joins?.forEach((j, i) => {
      const jt = db.tables?.[j.table]
      if (!jt) {
        ctx.report({
          rule: R.dbUnknownTable,
          file,
          pointer: `${at}/joins/${i}/table`,
          message: `Node ${nodeId}: database ${db.name} has no table ${j.table} to join.`,
          hint: 'Join a declared table.',
        })
        return
      }
      joined.set(j.table, Object.keys(jt.columns))
    })
    op.joins?.forEach((j, i) => {
      for (const side of ['left', 'right'] as const) {
        const ref = j.on[side]
        const [t, c] = ref.includes('.') ? ref.split('.', 2) : [side === 'left' ? op.table : j.table, ref]
        const cols = joined.get(t ?? '')
        if (cols && !cols.includes(c ?? '')) {
          ctx.report({
            rule: R.dbUnknownColumn,
            file,
            pointer: `${at}/joins/${i}/on/${side}`,
            message: `Node ${nodeId}: table ${t} has no column ${c} (join condition).`,
            hint: `Columns of ${t}: ${cols.join(', ')}.`,
          })
        }
      }
    })
  }
  for (const ref of columnRefs(op)) {
    const [t, c] = ref.column.includes('.') ? ref.column.split('.', 2) : [op.table, ref.column]
    const cols = joined.get(t ?? '')
    if (!cols) {
      ctx.report({
        rule: R.dbUnknownColumn,
        file,
        pointer: `${at}${ref.pointer}`,
        message: `Node ${nodeId}: ${ref.what} refers to table ${t}, which this operation does not read.`,
        hint: `Use a column of ${[...joined.keys()].join(' or ')}.`,
      })
    } else if (!cols.includes(c ?? '')) {
      ctx.report({
        rule: R.dbUnknownColumn,
        file,
        pointer: `${at}${ref.pointer}`,
        message: `Node ${nodeId}: table ${t} has no column ${c} (${ref.what}).`,
        hint: `Columns of ${t}: ${cols.join(', ')}.`,
      })
    }
  }
  if (op.op === 'get') {
    const key = Object.keys(op.key)
    const pk = table.primaryKey
    if (key.length !== pk.length || !pk.every((c) => key.includes(c))) {
      ctx.report({
        rule: R.dbKeyNotPrimary,
        file,
        pointer: `${at}/key`,
        message: `Node ${nodeId}: get reads one row by primary key (${pk.join(', ')}), but the key gives ${key.join(', ') || 'nothing'}.`,
        hint: 'Give exactly the primary key columns, or use find with a filter.',
      })
    }
  }
  if (op.op === 'insert' || op.op === 'upsert') {
    for (const [name, col] of Object.entries(table.columns)) {
      if (!col.nullable && col.default === undefined && !Object.hasOwn(op.values, name)) {
        ctx.report({
          rule: R.dbMissingValue,
          file,
          pointer: `${at}/values`,
          message: `Node ${nodeId}: column ${op.table}.${name} is not nullable and has no default, but the ${op.op} gives no value.`,
          hint: `Add "${name}": { "expr": "…" } to values, or give the column a default.`,
        })
      }
    }
  }
}

/**
 * Database nodes use only what their block declares: the block exists; tables and columns exist (values, keys,
 * filter, select, orderBy, joins, groupBy, aggregates, conflict); each part of the operation has its capability.
 * Non-SQL blocks are validated but not executable (a warning).
 */
export function databaseNodeRules(ctx: RuleContext): void {
  for (const file of ctx.model.processes) {
    const process = file.value
    if (!process) continue
    for (const gn of allNodes(process)) {
      const node = gn.node
      if (node.kind !== 'database') continue
      const dbFile = byName(ctx.model.databases, node.database)
      if (!dbFile) {
        ctx.report({
          rule: R.dbUnknownDatabase,
          file,
          pointer: `${gn.pointer}/database`,
          message: `Node ${gn.id} uses database ${node.database}, which is not declared in infra/databases/.`,
          hint: `Add infra/databases/${node.database}.database.json, or name a declared database.`,
        })
        continue
      }
      const db = dbFile.value
      if (!db) continue
      if (db.type !== 'sql') {
        ctx.report({
          rule: R.dbNotExecutable,
          severity: 'warning',
          file,
          pointer: `${gn.pointer}/database`,
          message: `Node ${gn.id} uses ${db.name}, a ${db.type} database: validated, but not executable yet.`,
          hint: 'Runs need a sql database block (PostgreSQL); nosql, kv and graph blocks are design-only for now.',
        })
      }
      const declared = new Set(db.capabilities)
      const missing = new Map<Capability, { because: string; pointer: string }>()
      for (const r of requiredCapabilities(node.operation)) {
        if (!declared.has(r.capability) && !missing.has(r.capability)) missing.set(r.capability, r)
      }
      for (const [capability, r] of missing) {
        ctx.report({
          rule: R.dbCapabilityMissing,
          file,
          pointer: `${gn.pointer}/operation${r.pointer}`,
          message: `Node ${gn.id}: ${r.because} needs the ${capability} capability, which database ${db.name} does not declare.`,
          hint: `Add "${capability}" to the capabilities of ${db.name}, or change the operation.`,
        })
      }
      checkOperation(ctx, file, db, node.operation, `${gn.pointer}/operation`, gn.id)
    }
  }
}
