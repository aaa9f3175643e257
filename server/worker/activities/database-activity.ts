import { ApplicationFailure } from '@temporalio/activity'
import type postgres from 'postgres'
import type {
  Column,
  DatabaseFile,
  DatabaseRequest,
  ResolvedDbOperation,
  ResolvedValue,
  Table,
} from '../../../lib/interpreter'
import { quote, SqlBuilder, type Statement, UndeclaredIdentifier } from './database-sql'
import { nodeFailure } from './node-failure'

/** Table in every bound database recording each write's idempotency key with its output, in the write's transaction. */
export const IDEMPOTENCY_TABLE = '_backplane_idempotency'
export const IDEMPOTENCY_DDL = `create table if not exists ${IDEMPOTENCY_TABLE} (
  key text primary key,
  output jsonb,
  created_at timestamptz not null default now()
)`

type Single = Exclude<ResolvedDbOperation, { op: 'transaction' }>
type Sql = postgres.Sql | postgres.TransactionSql

export type DatabaseHooks = {
  /** Called after the write's transaction committed, before the activity returns (crash tests use it). */
  afterCommit?(idempotencyKey: string): void | Promise<void>
}

const isolation = {
  'read-committed': 'read committed',
  'repeatable-read': 'repeatable read',
  serializable: 'serializable',
} as const

/**
 * Runs one resolved database operation on the block's bound PostgreSQL. Writes (and transactions) run in one
 * transaction that also records the idempotency key: a second attempt with the same key returns the recorded
 * output instead of writing again (a concurrent one waits on the key's row lock, then does the same).
 */
export async function runDatabaseOperation(
  sql: postgres.Sql,
  req: DatabaseRequest,
  hooks: DatabaseHooks = {},
): Promise<unknown> {
  const op = req.operation
  const writes = op.op === 'transaction' ? op.steps.some((s) => isWrite(s.operation)) : isWrite(op)
  try {
    if (!writes) return await runSingleOrSteps(sql, req.block, op)
    const level = isolation[req.block.semantics.isolation] ?? 'read committed'
    const outcome = await sql.begin(`isolation level ${level}`, async (tx) => {
      const claimed = await tx.unsafe(
        `insert into ${IDEMPOTENCY_TABLE} (key) values ($1) on conflict (key) do nothing returning key`,
        [req.idempotencyKey],
      )
      if (claimed.length === 0) {
        const prior = await tx.unsafe(`select output from ${IDEMPOTENCY_TABLE} where key = $1`, [req.idempotencyKey])
        return { replayed: true, output: prior[0]?.output ?? null }
      }
      const output = await runSingleOrSteps(tx, req.block, op)
      // postgres.js serializes a jsonb parameter itself (JSON.stringify): pass the value, not its text.
      await tx.unsafe(`update ${IDEMPOTENCY_TABLE} set output = $2::jsonb where key = $1`, [
        req.idempotencyKey,
        (output ?? null) as postgres.ParameterOrJSON<never>,
      ])
      return { replayed: false, output }
    })
    if (!outcome.replayed) await hooks.afterCommit?.(req.idempotencyKey)
    return outcome.output
  } catch (error) {
    throw mapError(error)
  }
}

function isWrite(op: Single): boolean {
  return op.op === 'insert' || op.op === 'update' || op.op === 'upsert' || op.op === 'delete'
}

async function runSingleOrSteps(sql: Sql, block: DatabaseFile, op: ResolvedDbOperation): Promise<unknown> {
  if (op.op !== 'transaction') return runSingle(sql, block, op)
  const run = async (tx: Sql) => {
    const out: Record<string, unknown> = {}
    for (const s of op.steps) out[s.name] = await runSingle(tx, block, s.operation)
    return out
  }
  // A read-only transaction still runs its steps together.
  if ('begin' in sql) return sql.begin(async (tx) => run(tx))
  return run(sql)
}

async function runSingle(sql: Sql, block: DatabaseFile, op: Single): Promise<unknown> {
  const b = new SqlBuilder(block)
  const table = b.table(op.table)
  const t = quote(op.table)
  const exec = async (s: Statement) =>
    (await sql.unsafe(s.text, s.params as postgres.ParameterOrJSON<never>[])) as Record<string, unknown>[]
  switch (op.op) {
    case 'get': {
      const cols = selectList(b, op.table, op.select)
      const keys = Object.entries(op.key as Record<string, ResolvedValue>).map(([name, v]) => {
        const { sql: c, column } = b.column(op.table, name)
        return `${c} = ${b.param(v.value, column)}`
      })
      const rows = await exec(b.done(`select ${cols} from ${t} where ${keys.join(' and ')} limit 1`))
      const row = rows[0]
      if (!row) throw nodeFailure('not-found', `no ${op.table} row with that key`, { key: plainValues(op.key) })
      return normalizeRow(row, table)
    }
    case 'find': {
      const tables = [op.table, ...(op.joins ?? []).map((j) => j.table)]
      const cols = op.select?.length
        ? op.select.map((c) => b.column(op.table, c, tables).sql).join(', ')
        : tables.map((name) => `${quote(name)}.*`).join(', ')
      const joins = (op.joins ?? [])
        .map((j) => {
          b.table(j.table)
          const left = b.column(op.table, j.on.left, tables).sql
          const right = b.column(op.table, j.on.right, tables).sql
          return ` ${j.type === 'left' ? 'left join' : 'join'} ${quote(j.table)} on ${left} = ${right}`
        })
        .join('')
      const where = b.where(op.table, op.filter, tables)
      const order = op.orderBy?.length
        ? ` order by ${op.orderBy.map((o) => `${b.column(op.table, o.column, tables).sql} ${o.direction}`).join(', ')}`
        : ''
      const limit = op.limit ? ` limit ${b.param(op.limit.value, intColumn)}` : ''
      const offset = op.offset ? ` offset ${b.param(op.offset.value, intColumn)}` : ''
      const rows = await exec(b.done(`select ${cols} from ${t}${joins}${where}${order}${limit}${offset}`))
      return rows.map((r) => normalizeRow(r, op.joins?.length ? undefined : table))
    }
    case 'insert': {
      const { columns, placeholders } = b.assignments(op.table, op.values as Record<string, ResolvedValue>)
      const text = columns.length
        ? `insert into ${t} (${columns.join(', ')}) values (${placeholders.join(', ')}) returning *`
        : `insert into ${t} default values returning *`
      const rows = await exec(b.done(text))
      return normalizeRow(rows[0] ?? {}, table)
    }
    case 'upsert': {
      const values = op.values as Record<string, ResolvedValue>
      const { columns, placeholders } = b.assignments(op.table, values)
      const conflict = op.conflict.map((c) => {
        b.column(op.table, c)
        return quote(c)
      })
      const updates = Object.keys(values)
        .filter((c) => !op.conflict.includes(c))
        .map((c) => `${quote(c)} = excluded.${quote(c)}`)
      const action = updates.length
        ? `do update set ${updates.join(', ')}`
        : `do update set ${conflict[0]} = excluded.${conflict[0]}`
      const rows = await exec(
        b.done(
          `insert into ${t} (${columns.join(', ')}) values (${placeholders.join(', ')}) on conflict (${conflict.join(', ')}) ${action} returning *`,
        ),
      )
      return normalizeRow(rows[0] ?? {}, table)
    }
    case 'update': {
      const sets = Object.entries(op.set as Record<string, ResolvedValue>).map(([name, v]) => {
        const { column } = b.column(op.table, name)
        return `${quote(name)} = ${b.param(v.value, column)}`
      })
      const rows = await exec(b.done(`update ${t} set ${sets.join(', ')}${b.where(op.table, op.filter)} returning *`))
      return rows.map((r) => normalizeRow(r, table))
    }
    case 'delete': {
      const result = await sql.unsafe(...spread(b.done(`delete from ${t}${b.where(op.table, op.filter)}`)))
      return { deleted: result.count }
    }
    case 'aggregate': {
      const groups = (op.groupBy ?? []).map((c) => b.column(op.table, c))
      const aggregates = Object.entries(op.aggregates).map(([alias, a]) => {
        const target = a.column ? b.column(op.table, a.column).sql : '*'
        return `${a.fn}(${target})::double precision as ${quote(alias)}`
      })
      const select = [...groups.map((g) => g.sql), ...aggregates].join(', ')
      const groupBy = groups.length ? ` group by ${groups.map((g) => g.sql).join(', ')}` : ''
      const rows = await exec(b.done(`select ${select} from ${t}${b.where(op.table, op.filter)}${groupBy}`))
      return rows.map((r) => normalizeRow(r, table))
    }
  }
}

const intColumn: Column = { type: 'bigint', nullable: false }

function spread(s: Statement): [string, postgres.ParameterOrJSON<never>[]] {
  return [s.text, s.params as postgres.ParameterOrJSON<never>[]]
}

function selectList(b: SqlBuilder, table: string, select?: string[]): string {
  return select?.length ? select.map((c) => b.column(table, c).sql).join(', ') : '*'
}

function plainValues(values: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values as Record<string, ResolvedValue>)) out[k] = v.value
  return out
}

/** Rows as JSON the declared columns describe: numeric and bigint as numbers, dates as ISO text. */
function normalizeRow(row: Record<string, unknown>, table: Table | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(row)) {
    const type = table?.columns[name]?.type
    if (value === null || value === undefined) out[name] = null
    else if (value instanceof Date) out[name] = type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString()
    else if ((type === 'numeric' || type === 'bigint' || type === 'double') && typeof value === 'string')
      out[name] = Number(value)
    else if (typeof value === 'bigint') out[name] = Number(value)
    else out[name] = value
  }
  return out
}

/** PostgreSQL errors → typed node errors (retriers and catch routes match these names). */
function mapError(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error
  if (error instanceof UndeclaredIdentifier) return nodeFailure('unsupported', error.message)
  const e = error as { code?: string; message?: string; constraint_name?: string }
  const message = e.message ?? String(error)
  switch (e.code) {
    case '23505':
      return nodeFailure('conflict', message, { constraint: e.constraint_name })
    case '23503':
    case '23502':
    case '23514':
    case '22P02':
    case '22003':
    case '22007':
      return nodeFailure('constraint', message, { code: e.code, constraint: e.constraint_name })
    case '57014':
      return nodeFailure('timeout', message)
    case '40001':
    case '40P01':
      return nodeFailure('conflict', message, { code: e.code })
  }
  if (e.code && /^(ECONN|ENOTFOUND|ETIMEDOUT|EPIPE|CONNECT_TIMEOUT|CONNECTION_)/.test(e.code))
    return nodeFailure('network', message)
  return nodeFailure('internal', message, { code: e.code })
}
