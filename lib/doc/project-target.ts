import { type Problem, problem } from '../problems'
import { canvasShape, databaseShape, processShape, projectShape, queueShape } from './format-shapes'
import { fmtOneFile, isSpecPath, type ParsedSpec, parseSpecFile } from './formats-adapter'
import { isJsonObject, type JsonObject, type JsonValue, setOwn } from './json-value'
import { CANVAS_PATH, conventionalPath, type EntityKind, entityKindOfPath, MANIFEST_PATH } from './layout'
import { mapProcessReferences, mapQueueReferences, type ReferenceMapper } from './map-references'
import type { Shape } from './shape'
import { specShape } from './spec-shapes'

export type FileEntityKind = Exclude<EntityKind, 'api'>

/** What one entity map should hold: its JSON (references by id), its shape, its path when not conventional. */
export type EntityTarget = { value: JsonObject; shape: Shape; file?: string }

/** The document content a set of files means: the input of the write that import and applyFiles share. */
export type ProjectTarget = {
  /** The manifest without `apis`, and the index `apis` had among its keys; absent without a manifest. */
  project?: { value: JsonObject; apisAt: number }
  /** API id → { name, id, type, file, serialization?, spec?, extra? }. */
  apis: Map<string, EntityTarget>
  entities: Record<FileEntityKind, Map<string, EntityTarget>>
  canvas?: JsonObject
  /** Files kept verbatim. */
  raw: Map<string, string>
  problems: Problem[]
}

export const shapeOf: Record<FileEntityKind, Shape> = {
  process: processShape,
  database: databaseShape,
  queue: queueShape,
}
export { canvasShape, projectShape }

/**
 * One of our JSON files as fmt reads it: upgraded to the current format version, in canonical key order (sorted
 * maps and sets, schema order), so the document holds what export prints — re-applying an export is a no-op and
 * a file's formatting never reaches collaborators. Undefined when fmt leaves the file as it is (it is then kept
 * verbatim) or when it is not a JSON object.
 */
function readOurFile(path: string, text: string, problems: Problem[]): JsonObject | undefined {
  const formatted = fmtOneFile(path, text)
  problems.push(...formatted.problems)
  if (formatted.text === undefined) return undefined
  const value = JSON.parse(formatted.text) as JsonValue
  if (isJsonObject(value)) return value
  problems.push(
    problem({
      severity: 'error',
      code: 'doc-not-an-object',
      rule: 'doc.import.not-an-object',
      message: `${path} must hold one JSON object; it is kept as it is until it does.`,
      hint: 'Make the file a JSON object starting with its "format" field.',
      file: path,
    }),
  )
  return undefined
}

/** An entity's key in the document: its id when it has a usable, unique one, else a key derived from its file. */
function entityKey(id: JsonValue | undefined, fallback: string, taken: Set<string>): string {
  const key = typeof id === 'string' && id.length > 0 && !id.startsWith('~') && !taken.has(id) ? id : `~${fallback}`
  taken.add(key)
  return key
}

/**
 * Reads files into the document content they mean. Pure; never throws; every file ends up somewhere (an entity,
 * a spec, or verbatim in `raw`) so exporting gives every byte back in canonical form.
 */
export function projectTarget(files: Readonly<Record<string, string>>): ProjectTarget {
  const problems: Problem[] = []
  const raw = new Map<string, string>()
  const claimed = new Set<string>()
  const paths = Object.keys(files).sort()
  const target: ProjectTarget = {
    apis: new Map(),
    entities: { process: new Map(), database: new Map(), queue: new Map() },
    raw,
    problems,
  }
  const names: Record<EntityKind, Map<string, string>> = {
    api: new Map(),
    process: new Map(),
    database: new Map(),
    queue: new Map(),
  }

  // Manifest and API surfaces.
  const manifestText = files[MANIFEST_PATH]
  if (manifestText !== undefined) {
    const manifest = readOurFile(MANIFEST_PATH, manifestText, problems)
    const apis = manifest?.apis
    if (manifest && (apis === undefined || (isJsonObject(apis) && Object.values(apis).every(isJsonObject)))) {
      claimed.add(MANIFEST_PATH)
      const keys = Object.keys(manifest)
      const value: JsonObject = {}
      for (const key of keys) if (key !== 'apis') setOwn(value, key, manifest[key] as JsonValue)
      target.project = { value, apisAt: apis === undefined ? -1 : keys.indexOf('apis') }
      const taken = new Set<string>()
      for (const [name, entry] of Object.entries(apis ?? {}) as [string, JsonObject][]) {
        const key = entityKey(entry.id, `apis/${name}`, taken)
        names.api.set(name, key)
        const api: JsonObject = { name }
        const extra: JsonObject = {}
        for (const [k, v] of Object.entries(entry)) {
          if (k === 'id' || k === 'type' || k === 'file') api[k] = v
          else setOwn(extra, k, v)
        }
        if (Object.keys(extra).length > 0) api.extra = extra
        let spec: ParsedSpec | undefined
        const file = entry.file
        if (typeof file === 'string' && files[file] !== undefined && !claimed.has(file) && isSpecPath(file)) {
          const parsed = parseSpecFile(file, files[file] as string)
          problems.push(...parsed.problems.map((p) => ({ ...p, elementId: p.elementId ?? key })))
          if (parsed.spec) {
            spec = parsed.spec
            claimed.add(file)
            api.serialization = spec.serialization
            api.spec = spec.document
          }
        } else if (typeof file === 'string' && files[file] === undefined) {
          problems.push(
            problem({
              severity: 'error',
              code: 'doc-missing-file',
              rule: 'doc.import.missing-spec',
              message: `API "${name}" names ${file}, which is not in the project.`,
              hint: 'Add the spec file, or correct the file path in backplane.json.',
              file: MANIFEST_PATH,
              pointer: `/apis/${name.replaceAll('~', '~0').replaceAll('/', '~1')}/file`,
              elementId: key,
            }),
          )
        }
        target.apis.set(key, { value: api, shape: apiShape(spec?.document) })
      }
    }
  }

  // Processes, databases, queues.
  const parsed: { kind: FileEntityKind; key: string; path: string; value: JsonObject }[] = []
  const taken = new Set<string>()
  for (const path of paths) {
    const kind = entityKindOfPath(path)
    if (kind === undefined || claimed.has(path)) continue
    const value = readOurFile(path, files[path] as string, problems)
    if (!value) continue
    claimed.add(path)
    const key = entityKey(value.id, path, taken)
    if (typeof value.name === 'string' && !names[kind].has(value.name)) names[kind].set(value.name, key)
    parsed.push({ kind, key, path, value })
  }
  for (const { kind, key, path, value } of parsed) {
    const mapper = resolvingMapper(names, (refKind, name) =>
      problems.push(
        problem({
          severity: 'warning',
          code: 'doc-unresolved-reference',
          rule: 'doc.reference.unresolved',
          message: `${path} refers to ${refKind} ${JSON.stringify(name)}, which does not exist; the name is kept as written.`,
          hint: `Create the ${refKind}, or pick an existing one.`,
          file: path,
          elementId: key,
        }),
      ),
    )
    const docValue =
      kind === 'process'
        ? mapProcessReferences(value, mapper)
        : kind === 'queue'
          ? mapQueueReferences(value, mapper)
          : value
    const entity: EntityTarget = { value: docValue, shape: shapeOf[kind] }
    if (typeof value.name !== 'string' || conventionalPath(kind, value.name) !== path) entity.file = path
    target.entities[kind].set(key, entity)
  }

  const canvasText = files[CANVAS_PATH]
  if (canvasText !== undefined) {
    const canvas = readOurFile(CANVAS_PATH, canvasText, problems)
    if (canvas) {
      claimed.add(CANVAS_PATH)
      target.canvas = canvas
    }
  }

  // Kept as fmt prints them (a spec no API names, a file fmt cannot read: as it is), so the law still holds.
  for (const path of paths) {
    if (claimed.has(path)) continue
    const text = files[path] as string
    raw.set(path, fmtOneFile(path, text).text ?? text)
  }
  return target
}

function resolvingMapper(
  names: Record<EntityKind, Map<string, string>>,
  onUnresolved: (kind: EntityKind, name: JsonValue) => void,
): ReferenceMapper {
  return {
    ref(kind, name) {
      const id = typeof name === 'string' ? names[kind].get(name) : undefined
      if (id !== undefined) return id
      onUnresolved(kind, name)
      return { unresolved: name }
    },
    key(kind, name) {
      const id = names[kind].get(name)
      if (id !== undefined) return id
      onUnresolved(kind, name)
      return `?${name}`
    },
  }
}

/** The shape of an API entity map: its spec laid out as OpenAPI or AsyncAPI. */
export function apiShape(document: JsonValue | undefined): Shape {
  return { kind: 'object', fields: { spec: specShape(document), extra: { kind: 'object' } } }
}
