import type { Column, DatabaseFile, FilterCondition, ResolvedValue, Table } from '../../../lib/interpreter'

/** One parameterized statement: identifiers come only from the block's declarations, values only as parameters. */
export type Statement = { text: string; params: unknown[] }

type ResolvedFilter = Omit<FilterCondition, 'value'> & { value?: ResolvedValue }
type Values = Record<string, ResolvedValue>

const pgType: Record<Column['type'], string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  numeric: 'numeric',
  double: 'double precision',
  boolean: 'boolean',
  uuid: 'uuid',
  date: 'date',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
}

const compare = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=', like: 'like' } as const

export class UndeclaredIdentifier extends Error {}

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

/** Builds statements against one block, refusing any table or column the block does not declare. */
export class SqlBuilder {
  private params: unknown[] = []

  constructor(private readonly block: DatabaseFile) {}

  table(name: string): Table {
    const table = this.block.tables?.[name]
    if (!table) throw new UndeclaredIdentifier(`table ${name} is not declared in ${this.block.name}`)
    return table
  }

  /** `col` of the main table, or `table.col` of a joined one. */
  column(main: string, ref: string, tables: string[] = [main]): { sql: string; column: Column } {
    const [t, c] = ref.includes('.') ? (ref.split('.') as [string, string]) : [main, ref]
    if (!tables.includes(t)) throw new UndeclaredIdentifier(`${ref}: table ${t} is not part of this operation`)
    const column = this.table(t).columns[c]
    if (!column) throw new UndeclaredIdentifier(`column ${ref} is not declared in ${this.block.name}`)
    return { sql: `${quote(t)}.${quote(c)}`, column }
  }

  param(value: unknown, column: Column): string {
    const v = value === undefined ? null : value
    // postgres.js serializes jsonb parameters itself (JSON.stringify), so values go in as they are.
    this.params.push(v)
    return `$${this.params.length}::${pgType[column.type]}`
  }

  where(main: string, filter: ResolvedFilter[] | undefined, tables: string[] = [main]): string {
    if (!filter || filter.length === 0) return ''
    const parts = filter.map((f) => {
      const { sql, column } = this.column(main, f.column, tables)
      switch (f.op) {
        case 'is-null':
          return `${sql} is null`
        case 'not-null':
          return `${sql} is not null`
        case 'in': {
          const list = Array.isArray(f.value?.value) ? f.value.value : []
          return list.length === 0 ? 'false' : `${sql} in (${list.map((v) => this.param(v, column)).join(', ')})`
        }
        default:
          return `${sql} ${compare[f.op]} ${this.param(f.value?.value, column)}`
      }
    })
    return ` where ${parts.join(' and ')}`
  }

  assignments(table: string, values: Values): { columns: string[]; placeholders: string[] } {
    const columns: string[] = []
    const placeholders: string[] = []
    for (const [name, v] of Object.entries(values)) {
      const { column } = this.column(table, name)
      columns.push(quote(name))
      placeholders.push(this.param(v.value, column))
    }
    return { columns, placeholders }
  }

  done(text: string): Statement {
    const statement = { text, params: this.params }
    this.params = []
    return statement
  }
}
