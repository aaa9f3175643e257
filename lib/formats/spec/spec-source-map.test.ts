import { describe, expect, it } from 'vitest'
import { parseSpecText } from './parse-spec-text'
import { locatePointer } from './spec-source-map'

const yaml = `openapi: 3.1.0
info:
  title: T
  version: "1"
paths:
  /orders/{id}:
    get:
      parameters:
        - name: id
          in: path
      responses:
        200:
          description: ok
`
const json = `{
  "openapi": "3.1.0",
  "info": { "title": "T", "version": "1" },
  "paths": {
    "/orders/{id}": {
      "get": {
        "parameters": [
          { "name": "id", "in": "path" }
        ],
        "responses": { "200": { "description": "ok" } }
      }
    }
  }
}
`

describe('locatePointer', () => {
  it('locates keys, array items, escaped segments and numeric YAML keys', () => {
    const { sourceMap } = parseSpecText({ path: 'a.yaml', text: yaml })
    if (!sourceMap) throw new Error('no source map')
    expect(locatePointer(sourceMap, '')).toEqual({ line: 1, column: 1 })
    expect(locatePointer(sourceMap, '/info/version')).toEqual({ line: 4, column: 3 })
    expect(locatePointer(sourceMap, '/paths/~1orders~1{id}/get')).toEqual({ line: 7, column: 5 })
    expect(locatePointer(sourceMap, '/paths/~1orders~1{id}/get/parameters/0/in')).toEqual({ line: 10, column: 11 })
    expect(locatePointer(sourceMap, '/paths/~1orders~1{id}/get/responses/200')).toEqual({ line: 12, column: 9 })
  })

  it('locates the same things in JSON', () => {
    const { sourceMap } = parseSpecText({ path: 'a.json', text: json })
    if (!sourceMap) throw new Error('no source map')
    expect(locatePointer(sourceMap, '/info/version')).toEqual({ line: 3, column: 27 })
    expect(locatePointer(sourceMap, '/paths/~1orders~1{id}/get/parameters/0')).toEqual({ line: 8, column: 11 })
    expect(locatePointer(sourceMap, '/paths/~1orders~1{id}/get/responses/200')).toEqual({ line: 10, column: 24 })
  })

  it('falls back to the deepest existing ancestor for missing parts', () => {
    const y = parseSpecText({ path: 'a.yaml', text: yaml }).sourceMap
    const j = parseSpecText({ path: 'a.json', text: json }).sourceMap
    if (!y || !j) throw new Error('no source map')
    expect(locatePointer(y, '/info/nope/deeper')).toEqual({ line: 2, column: 1 })
    expect(locatePointer(j, '/paths/~1orders~1{id}/get/parameters/7')).toEqual(
      locatePointer(j, '/paths/~1orders~1{id}/get/parameters'),
    )
    expect(locatePointer(j, 'not a pointer')).toEqual({ line: 1, column: 1 })
  })
})
