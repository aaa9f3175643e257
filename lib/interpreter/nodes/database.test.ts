import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'
import type { DatabaseFile, DatabaseNode } from '../process-types'
import type { DatabaseRequest } from '../types'

const block: DatabaseFile = {
  format: 'backplane.database/v1',
  id: 'db_0000000000000000test',
  name: 'orders-db',
  description: '',
  type: 'sql',
  capabilities: ['crud', 'filtering'],
  semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
  connection: { scope: 'environment', poolSize: 2 },
  tables: {
    orders: {
      columns: {
        id: { type: 'text', nullable: false },
        total: { type: 'numeric', nullable: false },
        note: { type: 'text', nullable: true },
      },
      primaryKey: ['id'],
    },
  },
}

const p = makeProcess({
  entry: 'save',
  nodes: {
    save: {
      kind: 'database',
      label: 'save',
      database: 'orders-db',
      operation: {
        op: 'insert',
        table: 'orders',
        values: { id: { expr: 'input.id' }, total: { expr: 'input.total * 2' } },
      },
      timeout: '5s',
    },
    done: { kind: 'return', label: 'r', value: { expr: 'nodes.save' } },
  },
  edges: ['save:out>done'],
})

describe('database', () => {
  it('resolves expressions of the operation and keys the write by run id and node path', async () => {
    let seen: DatabaseRequest | undefined
    const { state } = await driveRun(
      makeBundle(p, { databases: { 'orders-db': block } }),
      { id: 'o1', total: 5 },
      {
        activity: (c) => {
          if (c.request.kind === 'database') seen = c.request
          return { ok: true, value: { id: 'o1', total: 10, note: null } }
        },
      },
    )
    expect(seen?.operation).toEqual({
      op: 'insert',
      table: 'orders',
      values: { id: { value: 'o1' }, total: { value: 10 } },
    })
    expect(seen?.idempotencyKey).toBe('run_test/save')
    expect(state.output).toEqual({ id: 'o1', total: 10, note: null })
  })

  it('checks the row against the schema derived from the columns; non-SQL blocks are not executable', async () => {
    const bundle = makeBundle(p, { databases: { 'orders-db': block } })
    const bad = await driveRun(
      bundle,
      { id: 'o1', total: 5 },
      { activity: () => ({ ok: true, value: { id: 1, total: 'x' } }) },
    )
    expect(bad.state.error?.name).toBe('output-mismatch')
    const kv = makeBundle(p, { databases: { 'orders-db': { ...block, type: 'kv' } } })
    const refused = await driveRun(kv, { id: 'o1', total: 1 })
    expect(refused.state.error).toMatchObject({ name: 'unsupported' })
    expect(refused.state.error?.message).toContain('not yet executable')
  })

  it('passes typed database failures (not-found, conflict, constraint) to retriers and catch routes', async () => {
    const caught = makeProcess({
      entry: 'save',
      nodes: {
        save: { ...(p.nodes.save as DatabaseNode), catch: [{ port: 'catch-dup', errors: ['conflict'] }] },
        dup: { kind: 'return', label: 'd', value: { expr: '"duplicate: " & nodes.save.error.name' } },
        done: { kind: 'return', label: 'r', value: { expr: '"saved"' } },
      },
      edges: ['save:out>done', 'save:catch-dup>dup'],
    })
    const { state } = await driveRun(
      makeBundle(caught, { databases: { 'orders-db': block } }),
      { id: 'o1', total: 1 },
      {
        activity: () => ({ ok: false, error: { name: 'conflict', message: 'duplicate key' } }),
      },
    )
    expect(state.output).toBe('duplicate: conflict')
    expect(state.nodes.save?.status).toBe('caught')
    expect(state.nodes.done?.status).toBe('skipped')
  })
})
