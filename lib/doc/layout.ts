/**
 * The document layout version. Bump it when the layout changes and add a step to migrate-document.ts; every
 * document is migrated on load, so an old one in the update log still opens.
 */
export const LAYOUT_VERSION = 1

/** Root maps of the design Y.Doc (one per project). */
export const ROOT = {
  /** layoutVersion. */
  meta: 'meta',
  /** The manifest's own fields (id, name, description, format…); its `apis` are the `apis` entities. */
  project: 'project',
  /** API surface id → { name, id, type, file, serialization, spec, extra? }. */
  apis: 'apis',
  /** Process id → the process as in its file, references by id. */
  processes: 'processes',
  databases: 'databases',
  queues: 'queues',
  /** canvas.json as in its file (canvases keyed by canvas key; ids already). */
  canvas: 'canvas',
  /** Path → Y.Text: files kept verbatim (not parseable, or not ours), so nothing a user wrote is lost. */
  files: 'files',
  /** Entity id → its last name, written when an entity is removed: a dangling reference exports that name. */
  removed: 'removed',
} as const

export type EntityKind = 'api' | 'process' | 'database' | 'queue'
export const ENTITY_KINDS: readonly EntityKind[] = ['api', 'process', 'database', 'queue']

export const COLLECTION: Record<EntityKind, 'apis' | 'processes' | 'databases' | 'queues'> = {
  api: 'apis',
  process: 'processes',
  database: 'databases',
  queue: 'queues',
}

/** Reserved key (see ordered-map.ts) of an entity map: its file path, only when not derived from its name. */
export const FILE_KEY = '\u0000file'
/** Reserved key of the project and canvas maps: the file exists (an empty `{}` is a file too). */
export const PRESENT_KEY = '\u0000present'

export const MANIFEST_PATH = 'backplane.json'
export const CANVAS_PATH = 'canvas.json'

/** Where a process, database or queue file lives by convention. */
export function conventionalPath(kind: Exclude<EntityKind, 'api'>, name: string): string {
  if (kind === 'process') return `processes/${name}.process.json`
  if (kind === 'database') return `infra/databases/${name}.database.json`
  return `infra/queues/${name}.queue.json`
}

/** The kind of our JSON file a path names, by folder and suffix (undefined: not one of ours). */
export function entityKindOfPath(path: string): Exclude<EntityKind, 'api'> | undefined {
  if (/^processes\/[^/]+\.process\.json$/.test(path)) return 'process'
  if (/^infra\/databases\/[^/]+\.database\.json$/.test(path)) return 'database'
  if (/^infra\/queues\/[^/]+\.queue\.json$/.test(path)) return 'queue'
  return undefined
}
