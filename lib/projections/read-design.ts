import * as Y from 'yjs'
import { type JsonObject, readObject } from '../doc'

/** A plain snapshot of the design document, entities keyed by id (references inside are ids, as in the doc). */
export interface DesignView {
  project: JsonObject
  apis: Record<string, JsonObject>
  processes: Record<string, JsonObject>
  databases: Record<string, JsonObject>
  queues: Record<string, JsonObject>
  canvas: JsonObject
}

function readCollection(doc: Y.Doc, name: string): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {}
  for (const [id, value] of doc.getMap<unknown>(name).entries()) {
    if (value instanceof Y.Map) out[id] = readObject(value)
  }
  return out
}

/** Reads the whole design as plain JSON. Pure; never throws, whatever a merge left in the document. */
export function readDesign(doc: Y.Doc): DesignView {
  return {
    project: readObject(doc.getMap('project')),
    apis: readCollection(doc, 'apis'),
    processes: readCollection(doc, 'processes'),
    databases: readCollection(doc, 'databases'),
    queues: readCollection(doc, 'queues'),
    canvas: readObject(doc.getMap('canvas')),
  }
}

/** One API surface's spec and type, read alone (not the whole design), or undefined when it has no spec object. */
export function readApiSpec(doc: Y.Doc, apiId: string): { apiType: 'rest' | 'event'; spec: JsonObject } | undefined {
  const api = doc.getMap<unknown>('apis').get(apiId)
  if (!(api instanceof Y.Map)) return undefined
  const { spec, type } = readObject(api)
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return undefined
  return { apiType: type === 'event' ? 'event' : 'rest', spec }
}
