import { describe, expect, it } from 'vitest'
import { isPlainObject } from '../pointer'
import { schemaFiles } from '../schemas'
import { mapOrder, setArrays } from './order-rules'
import { schemaAt } from './schema-shape'

/** Every schema object of our schemas with its location (skipping the names inside `properties`). */
function schemaObjects(): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = []
  const walk = (node: unknown, loc: string) => {
    if (!isPlainObject(node)) {
      if (Array.isArray(node)) for (let i = 0; i < node.length; i++) walk(node[i], `${loc}/${i}`)
      return
    }
    out.push([loc, node])
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' || k === '$defs') {
        if (isPlainObject(v)) for (const [name, sub] of Object.entries(v)) walk(sub, `${loc}/${k}/${name}`)
      } else if (k !== 'enum' && k !== 'const' && k !== 'required') walk(v, `${loc}/${k}`)
    }
  }
  for (const [file, schema] of Object.entries(schemaFiles)) walk(schema, `${file}#`)
  return out
}

describe('the ordering table', () => {
  it('decides every identifier-keyed map of the schemas (sorted or author order)', () => {
    const maps = schemaObjects()
      .filter(([, s]) => isPlainObject(s.additionalProperties))
      .map(([loc]) => loc)
    expect(maps.length).toBeGreaterThan(15)
    expect(maps.filter((loc) => !(loc in mapOrder))).toEqual([])
  })

  it('lists only places that exist, and sorts every uniqueItems array (they are all sets)', () => {
    for (const loc of [...Object.keys(mapOrder), ...Object.keys(setArrays)]) expect(schemaAt(loc), loc).toBeDefined()
    const unique = schemaObjects()
      .filter(([, s]) => s.uniqueItems === true)
      .map(([loc]) => loc)
    expect(unique.filter((loc) => !(loc in setArrays))).toEqual([])
  })

  it('keeps the two author-order maps of DESIGN §4: transform fields and table columns', () => {
    expect(
      Object.entries(mapOrder)
        .filter(([, o]) => o === 'author')
        .map(([loc]) => loc),
    ).toEqual([
      'process.schema.json#/$defs/transformNode/properties/fields',
      'database.schema.json#/$defs/table/properties/columns',
    ])
  })
})
