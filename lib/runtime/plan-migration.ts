import type postgres from 'postgres'
import type { Column, DatabaseFile, Table } from '../interpreter'

export type MigrationStep = { sql: string; destructive: boolean; reason: string }
export type BlockMigration = { database: string; steps: MigrationStep[] }

const pgType: Record<Column['type'], string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  numeric: 'numeric',
  double: 'double precision',
  boolean: 'boolean',
  uuid: 'uuid',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  jsonb: 'jsonb',
}

const q = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

function literal(value: string | number | boolean): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`
  return String(value)
}

function columnSql(name: string, column: Column): string {
  let out = `${q(name)} ${pgType[column.type]}`
  if (!column.nullable) out += ' not null'
  if (column.default?.kind === 'now') out += ' default now()'
  else if (column.default?.kind === 'random-uuid') out += ' default gen_random_uuid()'
  else if (column.default?.kind === 'value') out += ` default ${literal(column.default.value)}`
  return out
}

function createTable(name: string, table: Table): string {
  const columns = Object.entries(table.columns).map(([c, col]) => columnSql(c, col))
  columns.push(`primary key (${table.primaryKey.map(q).join(', ')})`)
  return `create table ${q(name)} (${columns.join(', ')})`
}

/** What a database holds (public schema, `_backplane_*` left out): table → column → data_type, index names. */
export type LiveCatalogue = { tables: Map<string, Map<string, string>>; indexes: Set<string> }

/** A database with nothing in it yet: what an unbound block will get. */
export const emptyCatalogue = (): LiveCatalogue => ({ tables: new Map(), indexes: new Set() })

/**
 * The migration that turns a bound database into the block's declared tables (public schema, Backplane's own
 * `_backplane_*` tables left alone): additive steps (new tables, new columns, new indexes) and destructive ones
 * (dropped tables or columns, changed column types, a new NOT NULL column without default on an existing table),
 * the latter only applied when confirmed. Reads the live catalogue; changes nothing.
 */
export async function planMigration(sql: postgres.Sql, block: DatabaseFile): Promise<BlockMigration> {
  return planMigrationFrom(await readCatalogue(sql), block)
}

async function readCatalogue(sql: postgres.Sql): Promise<LiveCatalogue> {
  const live = await sql<{ table_name: string; column_name: string; data_type: string }[]>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public' and table_name not like '\\_backplane%'
    order by table_name, ordinal_position`
  const liveTables = new Map<string, Map<string, string>>()
  for (const row of live) {
    const columns = liveTables.get(row.table_name) ?? new Map<string, string>()
    columns.set(row.column_name, row.data_type)
    liveTables.set(row.table_name, columns)
  }
  const liveIndexes = new Set(
    (await sql<{ indexname: string }[]>`select indexname from pg_indexes where schemaname = 'public'`).map(
      (r) => r.indexname,
    ),
  )
  return { tables: liveTables, indexes: liveIndexes }
}

/** planMigration's comparison alone, against a catalogue already read. Pure. */
export function planMigrationFrom(catalogue: LiveCatalogue, block: DatabaseFile): BlockMigration {
  const liveTables = catalogue.tables
  const liveIndexes = catalogue.indexes
  const steps: MigrationStep[] = []
  const declared = block.tables ?? {}
  for (const [name, table] of Object.entries(declared)) {
    const columns = liveTables.get(name)
    if (!columns) {
      steps.push({ sql: createTable(name, table), destructive: false, reason: `new table ${name}` })
    } else {
      for (const [c, column] of Object.entries(table.columns)) {
        const type = columns.get(c)
        if (type === undefined) {
          const unfillable = !column.nullable && !column.default
          steps.push({
            sql: `alter table ${q(name)} add column ${columnSql(c, column)}`,
            destructive: unfillable,
            reason: unfillable
              ? `new NOT NULL column ${name}.${c} without default fails on existing rows`
              : `new column ${name}.${c}`,
          })
        } else if (type !== pgType[column.type]) {
          steps.push({
            sql: `alter table ${q(name)} alter column ${q(c)} type ${pgType[column.type]} using ${q(c)}::${pgType[column.type]}`,
            destructive: true,
            reason: `${name}.${c} changes type from ${type} to ${pgType[column.type]}`,
          })
        }
      }
      for (const c of columns.keys()) {
        if (!(c in table.columns)) {
          steps.push({
            sql: `alter table ${q(name)} drop column ${q(c)}`,
            destructive: true,
            reason: `column ${name}.${c} is no longer declared`,
          })
        }
      }
    }
    for (const [index, spec] of Object.entries(table.indexes ?? {})) {
      if (liveIndexes.has(index)) continue
      steps.push({
        sql: `create ${spec.unique ? 'unique ' : ''}index ${q(index)} on ${q(name)} (${spec.columns.map(q).join(', ')})`,
        destructive: false,
        reason: `new index ${index}`,
      })
    }
  }
  for (const name of liveTables.keys()) {
    if (!(name in declared))
      steps.push({ sql: `drop table ${q(name)}`, destructive: true, reason: `table ${name} is no longer declared` })
  }
  return { database: block.name, steps }
}
