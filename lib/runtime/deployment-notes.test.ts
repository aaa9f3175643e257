import { describe, expect, it } from 'vitest'
import { deploymentNotes } from './deployment-notes'
import { databaseBlock as block } from './test-support'

describe('deploymentNotes', () => {
  it('lists non-SQL blocks and API specs as validated, not executable, sorted; SQL blocks and processes not at all', () => {
    const notes = deploymentNotes(
      {
        processes: {},
        queues: {},
        databases: { kv: block('kv', 'kv'), graph: block('graph', 'graph'), sql: block('sql', 'sql') },
      },
      ['processes/a.process.json', 'apis/orders.openapi.yaml', 'backplane.json'],
    )
    expect(notes.map((n) => [n.block, n.kind])).toEqual([
      ['apis/orders.openapi.yaml', 'not-executable'],
      ['graph', 'not-executable'],
      ['kv', 'not-executable'],
    ])
    expect(notes[2]?.message).toBe('database kv is kv: validated, not yet executable (only sql blocks run in v1)')
    expect(deploymentNotes({ processes: {}, queues: {}, databases: { sql: block('sql', 'sql') } }, [])).toEqual([])
  })
})
