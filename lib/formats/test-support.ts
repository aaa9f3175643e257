// Test-only helpers (imported by *.test.ts files, never by the library).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mapOrder } from './canonical/order-rules'
import { type SchemaLocation, shapeOf } from './canonical/schema-shape'
import { exampleFiles } from './examples/example-files'
import { isPlainObject } from './pointer'
import { type FormatKind, schemaFileOf } from './schemas'

const here = dirname(fileURLToPath(import.meta.url))

export type Example = { file: string; kind: FormatKind; path: string; text: string }

export function loadExamples(): Example[] {
  return Object.entries(exampleFiles).map(([file, { kind, path }]) => ({
    file,
    kind,
    path,
    text: readFileSync(join(here, 'examples', file), 'utf8'),
  }))
}

export function exampleText(file: string): string {
  return readFileSync(join(here, 'examples', file), 'utf8')
}

/**
 * Scrambles key order where it is layout, to test that printing does not depend on it: every object's keys reversed,
 * except (with `kind`) where order is content — embedded JSON Schemas, author-order maps (fields, columns) and
 * keys the schema does not know, whose relative order is kept.
 */
export function reverseKeys(value: unknown, kind?: FormatKind): unknown {
  const rebuild = (keys: string[], child: (k: string) => unknown) => {
    const out: Record<string, unknown> = {}
    for (const k of keys)
      Object.defineProperty(out, k, { value: child(k), enumerable: true, writable: true, configurable: true })
    return out
  }
  const walk = (v: unknown, loc: SchemaLocation | undefined): unknown => {
    if (kind !== undefined && loc === undefined) return v
    const shape = loc === undefined ? undefined : shapeOf(loc, v)
    if (shape?.verbatim) return v
    if (Array.isArray(v)) return v.map((x) => walk(x, shape ? shape.items?.item : undefined))
    if (!isPlainObject(v)) return v
    const childLoc = (k: string) => (shape ? (shape.properties.get(k) ?? shape.additional?.item) : undefined)
    const keys = Object.keys(v)
    let order: string[]
    if (!shape) order = [...keys].reverse()
    else {
      const unknown = keys.filter((k) => childLoc(k) === undefined)
      const map = keys.filter((k) => !shape.properties.has(k) && shape.additional)
      const known = keys.filter((k) => shape.properties.has(k)).reverse()
      const author = shape.additional && mapOrder[shape.additional.owner] === 'author'
      order = [...known, ...(author ? map : [...map].reverse()), ...unknown]
    }
    return rebuild(order, (k) => walk(v[k], childLoc(k)))
  }
  return walk(value, kind === undefined ? undefined : `${schemaFileOf[kind]}#`)
}

/** The 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle)
  if (offset < 0) throw new Error(`"${needle}" is not in the text`)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

export const ordersOpenApi = `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    post:
      operationId: createOrder
      responses:
        "201":
          description: Created
`

export const orderEventsAsyncApi = `asyncapi: 3.0.0
info:
  title: Order events
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      created:
        payload:
          type: object
operations:
  publishCreated:
    action: send
    channel:
      $ref: "#/channels/orderCreated"
`

export function exampleProject(): Record<string, string> {
  const files: Record<string, string> = {
    'apis/orders.openapi.yaml': ordersOpenApi,
    'apis/order-events.asyncapi.yaml': orderEventsAsyncApi,
  }
  for (const ex of loadExamples()) files[ex.path] = ex.text
  return files
}
