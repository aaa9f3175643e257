import { isJsonObject, type JsonObject, type JsonValue, setOwn } from './json-value'
import type { EntityKind } from './layout'

/**
 * Translates every reference of one file's JSON — names in files, ids in the document (DESIGN §3) — with `ref`
 * for values and `key` for map keys that are references (queue consumers). Copies only what it changes; fields
 * that are not where a reference is expected are left alone, so invalid input passes through unchanged.
 * The same walk serves import (name → id) and export (id → name), so the two stay symmetric.
 */
export type ReferenceMapper = {
  ref: (kind: EntityKind, value: JsonValue) => JsonValue
  key: (kind: EntityKind, key: string) => string
}

function mapNodes(nodes: JsonValue, m: ReferenceMapper): JsonValue {
  if (!isJsonObject(nodes)) return nodes
  const out: JsonObject = {}
  for (const [id, node] of Object.entries(nodes)) setOwn(out, id, mapNode(node, m))
  return out
}

const nodeRefField: Record<string, [string, EntityKind]> = {
  database: ['database', 'database'],
  'queue-publish': ['queue', 'queue'],
  'call-process': ['process', 'process'],
}

function mapNode(node: JsonValue, m: ReferenceMapper): JsonValue {
  if (!isJsonObject(node) || typeof node.kind !== 'string') return node
  const field = nodeRefField[node.kind]
  if (field && Object.hasOwn(node, field[0]))
    return { ...node, [field[0]]: m.ref(field[1], node[field[0]] as JsonValue) }
  if (node.kind === 'for-each' && isJsonObject(node.body) && Object.hasOwn(node.body, 'nodes')) {
    return { ...node, body: { ...node.body, nodes: mapNodes(node.body.nodes as JsonValue, m) } }
  }
  return node
}

function mapTrigger(trigger: JsonValue, m: ReferenceMapper): JsonValue {
  if (!isJsonObject(trigger)) return trigger
  if (trigger.kind === 'api-operation' && Object.hasOwn(trigger, 'api')) {
    return { ...trigger, api: m.ref('api', trigger.api as JsonValue) }
  }
  if (trigger.kind === 'queue' && Object.hasOwn(trigger, 'queue')) {
    return { ...trigger, queue: m.ref('queue', trigger.queue as JsonValue) }
  }
  return trigger
}

export function mapProcessReferences(process: JsonObject, m: ReferenceMapper): JsonObject {
  const out: JsonObject = { ...process }
  if (isJsonObject(process.execution) && Object.hasOwn(process.execution, 'trigger')) {
    out.execution = { ...process.execution, trigger: mapTrigger(process.execution.trigger as JsonValue, m) }
  }
  if (Object.hasOwn(process, 'nodes')) out.nodes = mapNodes(process.nodes as JsonValue, m)
  return out
}

export function mapQueueReferences(queue: JsonObject, m: ReferenceMapper): JsonObject {
  const out: JsonObject = { ...queue }
  if (Array.isArray(queue.producers)) out.producers = queue.producers.map((p) => m.ref('process', p))
  if (isJsonObject(queue.consumers)) {
    const consumers: JsonObject = {}
    for (const [name, settings] of Object.entries(queue.consumers)) setOwn(consumers, m.key('process', name), settings)
    out.consumers = consumers
  }
  if (isJsonObject(queue.deadLetter) && Object.hasOwn(queue.deadLetter, 'forwardTo')) {
    out.deadLetter = { ...queue.deadLetter, forwardTo: m.ref('queue', queue.deadLetter.forwardTo as JsonValue) }
  }
  return out
}
