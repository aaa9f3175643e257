import * as Y from 'yjs'
import { type OurFormat, printOurJson, printSpecFile } from './formats-adapter'
import { isJsonObject, type JsonObject, type JsonValue, setOwn } from './json-value'
import {
  CANVAS_PATH,
  COLLECTION,
  conventionalPath,
  type EntityKind,
  FILE_KEY,
  MANIFEST_PATH,
  PRESENT_KEY,
  ROOT,
} from './layout'
import { mapProcessReferences, mapQueueReferences, type ReferenceMapper } from './map-references'
import type { FileEntityKind } from './project-target'
import { readObject } from './read-tree'
import { APIS_AT_KEY } from './write-target'

export type ExportResult = {
  files: Record<string, string>
  /** Path → the id of the element it was written from (API surface, process, database, queue). */
  owners: Record<string, string>
}

/** The current name of an entity, else its last name (removed), else undefined. */
export function entityName(doc: Y.Doc, kind: EntityKind, id: string): string | undefined {
  const map = doc.getMap<unknown>(COLLECTION[kind]).get(id)
  const name = map instanceof Y.Map ? map.get('name') : undefined
  if (typeof name === 'string') return name
  const last = doc.getMap<unknown>(ROOT.removed).get(id)
  return typeof last === 'string' ? last : undefined
}

function namingMapper(doc: Y.Doc): ReferenceMapper {
  return {
    ref(kind, value) {
      if (typeof value === 'string') return entityName(doc, kind, value) ?? value
      if (isJsonObject(value) && Object.hasOwn(value, 'unresolved')) return value.unresolved as JsonValue
      return value
    },
    key(kind, key) {
      return key.startsWith('?') ? key.slice(1) : (entityName(doc, kind, key) ?? key)
    },
  }
}

function specKind(document: JsonValue): 'openapi' | 'asyncapi' {
  return isJsonObject(document) && Object.hasOwn(document, 'asyncapi') ? 'asyncapi' : 'openapi'
}

/** Puts `text` at `path`, or — when a merge made two elements want one path — at a path derived from the id. */
function place(out: ExportResult, path: string, text: string, owner: string | undefined): void {
  let at = path
  if (Object.hasOwn(out.files, at)) {
    const dot = path.indexOf('.', path.lastIndexOf('/') + 1)
    const tag = (owner ?? 'file').replace(/[^A-Za-z0-9_-]/g, '')
    at = dot < 0 ? `${path}.${tag}` : `${path.slice(0, dot)}.${tag}${path.slice(dot)}`
    while (Object.hasOwn(out.files, at)) at = `${at}.conflict`
  }
  out.files[at] = text
  if (owner !== undefined) out.owners[at] = owner
}

const formatOf: Record<FileEntityKind, OurFormat> = { process: 'process', database: 'database', queue: 'queue' }

/**
 * The project folder a document means: our JSON printed canonically, specs in their serialization and key order,
 * references by name, files kept verbatim where they were. Pure; never throws on any content a merge can produce
 * (a dangling reference exports the referenced element's last name; an edge to a deleted node exports as is), so
 * validation, not export, reports an invalid design. Same document, same bytes.
 */
export function exportProjectWithOwners(doc: Y.Doc): ExportResult {
  const out: ExportResult = { files: {}, owners: {} }
  const names = namingMapper(doc)

  const project = doc.getMap<unknown>(ROOT.project)
  const apis = doc.getMap<unknown>(ROOT.apis)
  if (project.get(PRESENT_KEY) === true || apis.size > 0) {
    const fields = readObject(project)
    const entries: [string, JsonObject][] = []
    for (const id of Array.from(apis.keys()).sort()) {
      const map = apis.get(id)
      if (!(map instanceof Y.Map)) continue
      const api = readObject(map)
      const name = typeof api.name === 'string' ? api.name : id
      const entry: JsonObject = {}
      for (const k of ['id', 'type', 'file']) if (Object.hasOwn(api, k)) entry[k] = api[k] as JsonValue
      if (isJsonObject(api.extra)) Object.assign(entry, api.extra)
      entries.push([name, entry])
      if (Object.hasOwn(api, 'spec')) {
        const serialization = api.serialization === 'yaml' ? 'yaml' : 'json'
        const path =
          typeof api.file === 'string'
            ? api.file
            : `apis/${name}.${specKind(api.spec as JsonValue)}.${serialization === 'yaml' ? 'yaml' : 'json'}`
        place(out, path, printSpecFile({ serialization, document: api.spec as JsonValue }), id)
      }
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    const apisValue: JsonObject = {}
    for (const [name, entry] of entries) {
      let key = name
      for (let n = 2; Object.hasOwn(apisValue, key); n++) key = `${name}-${n}`
      setOwn(apisValue, key, entry)
    }
    const apisAt = project.get(APIS_AT_KEY)
    const keys = Object.keys(fields)
    const at = typeof apisAt === 'number' && apisAt >= 0 ? Math.min(apisAt, keys.length) : keys.length
    const manifest: JsonObject = {}
    keys.slice(0, at).forEach((k) => {
      setOwn(manifest, k, fields[k] as JsonValue)
    })
    if (apisAt !== -1 || entries.length > 0) manifest.apis = apisValue
    keys.slice(at).forEach((k) => {
      setOwn(manifest, k, fields[k] as JsonValue)
    })
    place(out, MANIFEST_PATH, printOurJson('manifest', manifest), undefined)
  }

  for (const kind of ['process', 'database', 'queue'] as const) {
    const collection = doc.getMap<unknown>(COLLECTION[kind])
    for (const id of Array.from(collection.keys()).sort()) {
      const map = collection.get(id)
      if (!(map instanceof Y.Map)) continue
      const value = readObject(map)
      const fileValue =
        kind === 'process'
          ? mapProcessReferences(value, names)
          : kind === 'queue'
            ? mapQueueReferences(value, names)
            : value
      const stored = map.get(FILE_KEY)
      const path =
        typeof stored === 'string'
          ? stored
          : conventionalPath(kind, typeof value.name === 'string' ? value.name : id.replace(/^~/, ''))
      place(out, path, printOurJson(formatOf[kind], fileValue), id)
    }
  }

  const canvas = doc.getMap<unknown>(ROOT.canvas)
  if (canvas.get(PRESENT_KEY) === true) place(out, CANVAS_PATH, printOurJson('canvas', readObject(canvas)), undefined)

  const files = doc.getMap<unknown>(ROOT.files)
  for (const path of Array.from(files.keys()).sort()) {
    const text = files.get(path)
    place(out, path, text instanceof Y.Text ? text.toString() : String(text ?? ''), undefined)
  }
  return out
}

/** The project folder of a document (path → text). See exportProjectWithOwners. */
export function exportProject(doc: Y.Doc): Record<string, string> {
  return exportProjectWithOwners(doc).files
}
