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
import { readObject, readValue } from './read-tree'
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

/** One file the export will write: where it wants to go, which element it comes from, how to print it. */
type PlannedFile = { path: string; owner: string | undefined; print: () => string }

/**
 * The final paths of planned files: each its wanted path, or — when a merge made two elements want one path —
 * a path with the later owner's id in the file name. Export never overwrites or drops a file.
 */
function placeAll(planned: readonly PlannedFile[]): string[] {
  const taken = new Set<string>()
  return planned.map(({ path, owner }) => {
    let at = path
    if (taken.has(at)) {
      const dot = path.indexOf('.', path.lastIndexOf('/') + 1)
      const tag = (owner ?? 'file').replace(/[^A-Za-z0-9_-]/g, '')
      at = dot < 0 ? `${path}.${tag}` : `${path.slice(0, dot)}.${tag}${path.slice(dot)}`
      while (taken.has(at)) at = `${at}.conflict`
    }
    taken.add(at)
    return at
  })
}

const formatOf: Record<FileEntityKind, OurFormat> = { process: 'process', database: 'database', queue: 'queue' }

function planExport(doc: Y.Doc): PlannedFile[] {
  const planned: PlannedFile[] = []
  const names = namingMapper(doc)
  const field = (map: Y.Map<unknown>, key: string): JsonValue | undefined =>
    map.has(key) ? readValue(map.get(key)) : undefined

  const project = doc.getMap<unknown>(ROOT.project)
  const apis = doc.getMap<unknown>(ROOT.apis)
  const apiEntries: [string, JsonObject][] = []
  for (const id of Array.from(apis.keys()).sort()) {
    const map = apis.get(id)
    if (!(map instanceof Y.Map)) continue
    const nameValue = field(map, 'name')
    const name = typeof nameValue === 'string' ? nameValue : id
    const entry: JsonObject = {}
    for (const k of ['id', 'type', 'file']) {
      const v = field(map, k)
      if (v !== undefined) entry[k] = v
    }
    const extra = field(map, 'extra')
    if (isJsonObject(extra)) for (const [k, v] of Object.entries(extra)) setOwn(entry, k, v)
    apiEntries.push([name, entry])
    const spec = map.get('spec')
    if (spec === undefined) continue
    const serialization = map.get('serialization') === 'yaml' ? 'yaml' : 'json'
    const kind = spec instanceof Y.Map && spec.has('asyncapi') ? 'asyncapi' : 'openapi'
    const path = typeof entry.file === 'string' ? entry.file : `apis/${name}.${kind}.${serialization}`
    planned.push({ path, owner: id, print: () => printSpecFile({ serialization, document: readValue(spec) }) })
  }
  if (project.get(PRESENT_KEY) === true || apiEntries.length > 0) {
    planned.push({
      path: MANIFEST_PATH,
      owner: undefined,
      print: () => printOurJson('manifest', manifestValue(readObject(project), project.get(APIS_AT_KEY), apiEntries)),
    })
  }

  for (const kind of ['process', 'database', 'queue'] as const) {
    const collection = doc.getMap<unknown>(COLLECTION[kind])
    for (const id of Array.from(collection.keys()).sort()) {
      const map = collection.get(id)
      if (!(map instanceof Y.Map)) continue
      const stored = map.get(FILE_KEY)
      const name = field(map, 'name')
      const path =
        typeof stored === 'string'
          ? stored
          : conventionalPath(kind, typeof name === 'string' ? name : id.replace(/^~/, ''))
      const print = () => {
        const value = readObject(map)
        const fileValue =
          kind === 'process'
            ? mapProcessReferences(value, names)
            : kind === 'queue'
              ? mapQueueReferences(value, names)
              : value
        return printOurJson(formatOf[kind], fileValue)
      }
      planned.push({ path, owner: id, print })
    }
  }

  const canvas = doc.getMap<unknown>(ROOT.canvas)
  if (canvas.get(PRESENT_KEY) === true) {
    planned.push({ path: CANVAS_PATH, owner: undefined, print: () => printOurJson('canvas', readObject(canvas)) })
  }

  const files = doc.getMap<unknown>(ROOT.files)
  for (const path of Array.from(files.keys()).sort()) {
    const text = files.get(path)
    planned.push({
      path,
      owner: undefined,
      print: () => (text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : ''),
    })
  }
  return planned
}

/** backplane.json: the project's fields with `apis` back where it stood, APIs sorted by name (unique keys). */
function manifestValue(fields: JsonObject, apisAt: unknown, entries: [string, JsonObject][]): JsonObject {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const apisValue: JsonObject = {}
  for (const [name, entry] of entries) {
    let key = name
    for (let n = 2; Object.hasOwn(apisValue, key); n++) key = `${name}-${n}`
    setOwn(apisValue, key, entry)
  }
  const keys = Object.keys(fields)
  const at = typeof apisAt === 'number' && apisAt >= 0 ? Math.min(apisAt, keys.length) : keys.length
  const manifest: JsonObject = {}
  for (const k of keys.slice(0, at)) setOwn(manifest, k, fields[k] as JsonValue)
  if (apisAt !== -1 || entries.length > 0) manifest.apis = apisValue
  for (const k of keys.slice(at)) setOwn(manifest, k, fields[k] as JsonValue)
  return manifest
}

/**
 * The project folder a document means, and which element each file comes from: our JSON printed canonically,
 * specs in their serialization and key order, references by name, verbatim files where they were. Pure; never
 * throws on any content a merge can produce (a dangling reference exports the element's last name; an edge to a
 * deleted node exports as is), so validation, not export, reports an invalid design. Same document, same bytes.
 */
export function exportProjectWithOwners(doc: Y.Doc): ExportResult {
  const planned = planExport(doc)
  const paths = placeAll(planned)
  const out: ExportResult = { files: {}, owners: {} }
  planned.forEach((file, i) => {
    const path = paths[i] as string
    out.files[path] = file.print()
    if (file.owner !== undefined) out.owners[path] = file.owner
  })
  return out
}

/** Path → id of the element each exported file comes from, without printing anything (cheap on large specs). */
export function exportOwners(doc: Y.Doc): Record<string, string> {
  const planned = planExport(doc)
  const paths = placeAll(planned)
  const owners: Record<string, string> = {}
  planned.forEach((file, i) => {
    if (file.owner !== undefined) owners[paths[i] as string] = file.owner
  })
  return owners
}

/** The project folder of a document (path → text). See exportProjectWithOwners. */
export function exportProject(doc: Y.Doc): Record<string, string> {
  return exportProjectWithOwners(doc).files
}
