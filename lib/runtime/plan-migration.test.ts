import { describe, expect, it } from 'vitest'
import { emptyCatalogue, planMigrationFrom } from './plan-migration'
import { databaseBlock as block } from './test-support'

describe('planMigrationFrom', () => {
  it('against an empty database: every declared table and index is created, nothing destructive', () => {
    const plan = planMigrationFrom(emptyCatalogue(), block('orders-db', 'sql'))
    expect(plan).toEqual({
      database: 'orders-db',
      steps: [
        {
          sql: 'create table "orders" ("id" text not null, "note" text, primary key ("id"))',
          destructive: false,
          reason: 'new table orders',
        },
        {
          sql: 'create index "orders_note_idx" on "orders" ("note")',
          destructive: false,
          reason: 'new index orders_note_idx',
        },
      ],
    })
  })

  it('against a live catalogue: a column no longer declared is a destructive drop, an unknown table too', () => {
    const catalogue = {
      tables: new Map([
        [
          'orders',
          new Map([
            ['id', 'text'],
            ['note', 'text'],
            ['old', 'integer'],
          ]),
        ],
        ['gone', new Map([['id', 'text']])],
      ]),
      indexes: new Set(['orders_note_idx']),
    }
    expect(planMigrationFrom(catalogue, block('orders-db', 'sql')).steps).toEqual([
      {
        sql: 'alter table "orders" drop column "old"',
        destructive: true,
        reason: 'column orders.old is no longer declared',
      },
      { sql: 'drop table "gone"', destructive: true, reason: 'table gone is no longer declared' },
    ])
  })
})
