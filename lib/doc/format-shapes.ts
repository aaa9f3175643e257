import type { JsonValue } from './json-value'
import type { Shape } from './shape'
import { schemaShape } from './spec-shapes'

// Granularity of our own formats (README.md): a Y.Map per entity, per process node and its fields, per edge, per
// table and column map, per consumer; embedded schemas as in specs; prose as Y.Text; small leaves whole.

const text: Shape = { kind: 'text' }
const plainMap: Shape = { kind: 'object' }

/** An edge is identified by (from, port, to): concurrent adds and removes of different edges merge. */
export function edgeKey(edge: JsonValue): string {
  if (typeof edge === 'object' && edge !== null && !Array.isArray(edge)) {
    const { from, port, to } = edge
    if (typeof from === 'string' && typeof port === 'string' && typeof to === 'string') return `${from} ${port} ${to}`
  }
  return JSON.stringify(edge)
}

/** A set of strings (or references) keyed by the string, or by '?'+name for an unresolved reference. */
export function stringKey(item: JsonValue): string {
  if (typeof item === 'string') return item
  if (typeof item === 'object' && item !== null && !Array.isArray(item) && typeof item.unresolved === 'string') {
    return `?${item.unresolved}`
  }
  return `?${JSON.stringify(item)}`
}

const edgesShape: Shape = { kind: 'set', key: edgeKey }
const nodeFields: Record<string, Shape> = {
  description: text,
  output: schemaShape,
  fields: plainMap,
  params: plainMap,
  query: plainMap,
  headers: plainMap,
  key: plainMap,
  values: plainMap,
  set: plainMap,
}
export const nodeShape: Shape = { kind: 'object', fields: nodeFields }
const nodesShape: Shape = { kind: 'object', other: nodeShape }
// for-each bodies nest a whole sub-graph with the same layout.
nodeFields.body = { kind: 'object', fields: { nodes: nodesShape, edges: edgesShape } }
nodeFields.operation = { kind: 'object', fields: { key: plainMap, values: plainMap, set: plainMap } }

export const processShape: Shape = {
  kind: 'object',
  fields: {
    description: text,
    execution: {
      kind: 'object',
      fields: { trigger: { kind: 'object', fields: { request: plainMap, errors: plainMap } } },
    },
    inputs: schemaShape,
    outputs: {
      kind: 'object',
      fields: {
        success: schemaShape,
        errors: { kind: 'object', other: { kind: 'object', fields: { description: text, schema: schemaShape } } },
      },
    },
    nodes: nodesShape,
    edges: edgesShape,
  },
}

const tableShape: Shape = {
  kind: 'object',
  fields: { description: text, columns: plainMap, indexes: plainMap, constraints: plainMap },
}

export const databaseShape: Shape = {
  kind: 'object',
  fields: {
    description: text,
    capabilities: { kind: 'set', key: stringKey },
    semantics: plainMap,
    connection: plainMap,
    tables: { kind: 'object', other: tableShape },
    collections: { kind: 'object', other: schemaShape },
  },
}

export const queueShape: Shape = {
  kind: 'object',
  fields: {
    description: text,
    message: schemaShape,
    producers: { kind: 'set', key: stringKey },
    consumers: plainMap,
    delivery: plainMap,
    retry: plainMap,
    deadLetter: plainMap,
  },
}

/** The manifest without its `apis` (those are entities of their own). */
export const projectShape: Shape = { kind: 'object', fields: { description: text } }

const layoutShape: Shape = {
  kind: 'object',
  fields: { positions: plainMap, groups: plainMap },
}

export const canvasShape: Shape = {
  kind: 'object',
  fields: { canvases: { kind: 'object', other: layoutShape } },
}
