import { describe, expect, it } from 'vitest'
import { schemaAt } from '../canonical/schema-shape'
import { isPlainObject } from '../pointer'
import { nodeKinds } from './node-kinds'

describe('nodeKinds', () => {
  it('lists exactly the node kinds of process.schema.json, in schema order, with retry/catch where the schema has them', () => {
    const oneOf = schemaAt('process.schema.json#/$defs/node')?.oneOf
    const refs = Array.isArray(oneOf) ? oneOf.map((b) => (isPlainObject(b) ? String(b.$ref) : '')) : []
    const branches = refs.map((ref) => schemaAt(`process.schema.json${ref}`)?.properties)
    const kinds = branches.map((props) => {
      const kind = isPlainObject(props) ? props.kind : undefined
      return isPlainObject(kind) ? kind.const : undefined
    })
    expect(nodeKinds.map((k) => k.kind)).toEqual(kinds)
    for (const [i, props] of branches.entries()) {
      expect(isPlainObject(props) && 'catch' in props, String(kinds[i])).toBe(nodeKinds[i]?.retriable)
    }
  })
})
