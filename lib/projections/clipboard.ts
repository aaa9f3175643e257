import { type JsonObject, type JsonValue, mapProcessReferences, mapQueueReferences, type ReferenceMapper } from '../doc'
import { parseSpecElements, type SpecElementsPayload } from './api-clipboard'
import { CLIPBOARD_FORMAT } from './clipboard-format'
import { processGraph } from './process-canvas'

export { CLIPBOARD_FORMAT }

export type EntityKindOnCanvas = 'api' | 'process' | 'database' | 'queue'

/** One copied entity as its files say it: references inside are by name (DESIGN §3), so they travel. */
export interface CopiedEntity {
  kind: EntityKindOnCanvas
  name: string
  /** The file's path and text (an API: its spec file). */
  path: string
  text: string
  /** API surfaces: the manifest's `type`. */
  apiType?: string
  position?: { x: number; y: number }
}

export type ClipboardPayload =
  | { format: typeof CLIPBOARD_FORMAT; kind: 'entities'; entities: CopiedEntity[] }
  | {
      format: typeof CLIPBOARD_FORMAT
      kind: 'nodes'
      /** Node id → the node as in its process file. */
      nodes: Record<string, JsonObject>
      /** Edges whose both ends were copied. */
      edges: Array<{ from: string; port: string; to: string }>
      positions: Record<string, { x: number; y: number }>
    }
  /** Copied from an API canvas (api-clipboard.ts); pasted through `planSpecPaste`, not through files. */
  | SpecElementsPayload

export type PasteResult =
  | { ok: true; files: Record<string, string>; created: string[] }
  | { ok: false; message: string }

const print = (value: JsonValue) => `${JSON.stringify(value, null, 2)}\n`
const isObject = (v: unknown): v is JsonObject => Boolean(v) && typeof v === 'object' && !Array.isArray(v)
const parse = (text: string | undefined): JsonObject | undefined => {
  try {
    const v: unknown = text === undefined ? undefined : JSON.parse(text)
    return isObject(v) ? v : undefined
  } catch {
    return undefined
  }
}

const folders: Record<Exclude<EntityKindOnCanvas, 'api'>, { dir: string; ext: string }> = {
  process: { dir: 'processes/', ext: '.process.json' },
  database: { dir: 'infra/databases/', ext: '.database.json' },
  queue: { dir: 'infra/queues/', ext: '.queue.json' },
}

function kindOfPath(path: string): Exclude<EntityKindOnCanvas, 'api'> | undefined {
  for (const [kind, f] of Object.entries(folders))
    if (path.startsWith(f.dir) && path.endsWith(f.ext)) return kind as never
  return undefined
}

/** A name not in `taken`: the name itself, else `-copy`, `-copy-2`, … */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  if (!taken.has(`${name}-copy`)) return `${name}-copy`
  for (let i = 2; ; i++) if (!taken.has(`${name}-copy-${i}`)) return `${name}-copy-${i}`
}

/** The canvas a key names: `overview`, `process:<id>`, `api:<id>`. */
function canvasOf(key: string): { kind: 'overview' } | { kind: 'process' | 'api'; id: string } {
  const [kind, id] = key.split(':')
  return (kind === 'process' || kind === 'api') && id ? { kind, id } : { kind: 'overview' }
}

/**
 * What a copy of `selection` on canvas `canvasKey` puts on the clipboard, from the exported files (`owners`: path →
 * element id): entities on the overview (APIs with their spec, processes, databases, queues), nodes and the edges
 * between them on a process canvas (or a for-each's `body` canvas). Null when nothing copyable is selected (an API
 * canvas's elements are parts of a spec). Pure.
 */
export function copySelection(input: {
  canvasKey: string
  body?: string
  selection: readonly string[]
  files: Readonly<Record<string, string>>
  owners: Readonly<Record<string, string>>
  positions: Readonly<Record<string, { x: number; y: number }>>
}): ClipboardPayload | null {
  const canvas = canvasOf(input.canvasKey)
  const pathOf = (id: string) => Object.keys(input.owners).find((p) => input.owners[p] === id)
  if (canvas.kind === 'overview') {
    const manifest = parse(input.files['backplane.json'])
    const apis = isObject(manifest?.apis) ? manifest.apis : {}
    const entities: CopiedEntity[] = []
    for (const id of input.selection) {
      const position = input.positions[id]
      const api = Object.entries(apis).find(([, a]) => isObject(a) && a.id === id)
      if (api && isObject(api[1]) && typeof api[1].file === 'string') {
        const text = input.files[api[1].file]
        if (text !== undefined)
          entities.push({ kind: 'api', name: api[0], path: api[1].file, text, apiType: String(api[1].type), position })
        continue
      }
      const path = pathOf(id)
      const kind = path ? kindOfPath(path) : undefined
      const text = path ? input.files[path] : undefined
      const name = parse(text)?.name
      if (path && kind && text !== undefined && typeof name === 'string')
        entities.push({ kind, name, path, text, position })
    }
    return entities.length ? { format: CLIPBOARD_FORMAT, kind: 'entities', entities } : null
  }
  if (canvas.kind === 'api') return null
  const path = pathOf(canvas.id)
  const process = processGraph(parse(path ? input.files[path] : undefined), input.body)
  const all = isObject(process?.nodes) ? process.nodes : {}
  const nodes: Record<string, JsonObject> = {}
  const positions: Record<string, { x: number; y: number }> = {}
  for (const id of input.selection) {
    const node = all[id]
    if (!isObject(node)) continue
    nodes[id] = node
    const position = input.positions[id]
    if (position) positions[id] = position
  }
  if (Object.keys(nodes).length === 0) return null
  const edges = (Array.isArray(process?.edges) ? process.edges : []).flatMap((e) =>
    isObject(e) && typeof e.from === 'string' && typeof e.to === 'string' && typeof e.port === 'string'
      ? nodes[e.from] && nodes[e.to]
        ? [{ from: e.from, port: e.port, to: e.to }]
        : []
      : [],
  )
  return { format: CLIPBOARD_FORMAT, kind: 'nodes', nodes, edges, positions }
}

/** Our clipboard text (`copySelection`'s payload), or null for anything else pasted. Never throws. */
export function parseClipboard(text: string): ClipboardPayload | null {
  const value = parse(text)
  if (!value || value.format !== CLIPBOARD_FORMAT) return null
  if (value.kind === 'entities' && Array.isArray(value.entities)) {
    const entities = value.entities.filter(
      (e): e is JsonObject =>
        isObject(e) &&
        ['api', 'process', 'database', 'queue'].includes(String(e.kind)) &&
        typeof e.name === 'string' &&
        typeof e.path === 'string' &&
        typeof e.text === 'string',
    )
    return entities.length ? ({ ...value, entities } as unknown as ClipboardPayload) : null
  }
  if (value.kind === 'spec') return parseSpecElements(value)
  if (value.kind === 'nodes' && isObject(value.nodes)) {
    return {
      format: CLIPBOARD_FORMAT,
      kind: 'nodes',
      nodes: Object.fromEntries(Object.entries(value.nodes).filter(([, n]) => isObject(n))) as Record<
        string,
        JsonObject
      >,
      edges: (Array.isArray(value.edges) ? value.edges : []).flatMap((e) =>
        isObject(e) && typeof e.from === 'string' && typeof e.to === 'string' && typeof e.port === 'string'
          ? [{ from: e.from, port: e.port, to: e.to }]
          : [],
      ),
      positions: (isObject(value.positions) ? value.positions : {}) as Record<string, { x: number; y: number }>,
    }
  }
  return null
}

/** Plain JSONata name (`nodes.total`), else it needs backticks (`nodes.\`total-copy\``). */
const plainName = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `nodes.<old>` (plain or back-quoted) → `nodes.<new>` in one expression string. */
export function renameNodeReferences(expr: string, renames: ReadonlyMap<string, string>): string {
  let out = expr
  for (const [from, to] of renames) {
    const target = plainName.test(to) ? `nodes.${to}` : `nodes.\`${to}\``
    out = out.replace(new RegExp(`nodes\\.(?:\`${escapeRe(from)}\`|${escapeRe(from)}(?![A-Za-z0-9_$-]))`, 'g'), target)
  }
  return out
}

/** A copy of `value` with every `{ "expr": … }` rewritten by `renameNodeReferences`. */
function remapExpressions(value: JsonValue, renames: ReadonlyMap<string, string>): JsonValue {
  if (Array.isArray(value)) return value.map((v) => remapExpressions(v, renames))
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value))
    out[k] = k === 'expr' && typeof v === 'string' ? renameNodeReferences(v, renames) : remapExpressions(v, renames)
  return out
}

/** A for-each's body (recursively) with its node ids, entry and edges renamed by `renames`. */
function renameBodies(node: JsonValue, renames: ReadonlyMap<string, string>): JsonValue {
  if (!isObject(node) || !isObject(node.body)) return node
  const body = node.body
  const nodes: JsonObject = {}
  for (const [id, inner] of Object.entries(isObject(body.nodes) ? body.nodes : {}))
    nodes[renames.get(id) ?? id] = renameBodies(inner, renames)
  const rename = (v: JsonValue | undefined) => (typeof v === 'string' ? (renames.get(v) ?? v) : v)
  const renamedBody: JsonObject = { ...body, nodes }
  if (body.entry !== undefined) renamedBody.entry = rename(body.entry) as JsonValue
  if (Array.isArray(body.edges))
    renamedBody.edges = body.edges.map((e) =>
      isObject(e) ? { ...e, from: rename(e.from) as JsonValue, to: rename(e.to) as JsonValue } : e,
    )
  return { ...node, body: renamedBody }
}

/** Every node id of a process file, for-each bodies included (node ids are unique within a process). */
function nodeIdsOf(graph: JsonObject | undefined, out = new Set<string>()): Set<string> {
  if (!graph || !isObject(graph.nodes)) return out
  for (const [id, node] of Object.entries(graph.nodes)) {
    out.add(id)
    if (isObject(node) && isObject(node.body)) nodeIdsOf(node.body, out)
  }
  return out
}

/** The object under `key` of `parent`, put there (from `initial`) when absent or not an object. */
function objectField(parent: JsonObject, key: string, initial: JsonObject = {}): JsonObject {
  const current = parent[key]
  if (isObject(current)) return current
  parent[key] = initial
  return initial
}

/** The layout section of `key` in canvas.json text (created when absent). */
function layoutIn(canvas: JsonObject, key: string): { positions: JsonObject } {
  if (!canvas.format) canvas.format = 'backplane.canvas/v1'
  const layout = objectField(objectField(canvas, 'canvases'), key, { viewport: { x: 0, y: 0, zoom: 1 } })
  objectField(layout, 'groups')
  return { positions: objectField(layout, 'positions') }
}

/**
 * The project's files with `payload` pasted onto canvas `canvasKey`: new ids from `newId`, free names (the name, or
 * `-copy`, `-copy-2` …), new files only (nothing is overwritten), boxes offset by `offset` from where they were
 * copied. Nodes get free node ids; edges and `nodes.<id>` expressions between pasted nodes follow the new ids
 * (references to nodes not pasted are kept: the validator reports them if this process lacks them). Entities go on
 * the overview only, nodes on a process canvas only (its top level, or a for-each's `body`; a for-each is not
 * pasted into a body, whose canvas could not open it); anything else is refused with a sentence saying so. Pure.
 */
export function pasteIntoFiles(
  input: Readonly<Record<string, string>>,
  payload: ClipboardPayload,
  options: {
    canvasKey: string
    body?: string
    owners: Readonly<Record<string, string>>
    newId(prefix: string): string
    offset?: number
  },
): PasteResult {
  const offset = options.offset ?? 40
  const canvas = canvasOf(options.canvasKey)
  const files: Record<string, string> = { ...input }
  const canvasJson = parse(files['canvas.json']) ?? { format: 'backplane.canvas/v1', canvases: {} }
  const { positions } = layoutIn(canvasJson, options.canvasKey)
  const created: string[] = []
  if (payload.kind === 'spec')
    return { ok: false, message: 'Paths, channels and operations are pasted on an API canvas: open an API first.' }
  if (payload.kind === 'entities') {
    if (canvas.kind !== 'overview')
      return { ok: false, message: 'APIs, processes, databases and queues are pasted on the project overview.' }
    const manifest = parse(files['backplane.json'])
    if (!manifest) return { ok: false, message: 'This project has no backplane.json to add an API to.' }
    const apis = objectField(manifest, 'apis')
    const taken: Record<EntityKindOnCanvas, Set<string>> = {
      api: new Set(Object.keys(apis)),
      process: new Set(),
      database: new Set(),
      queue: new Set(),
    }
    for (const [path, text] of Object.entries(files)) {
      const kind = kindOfPath(path)
      const name = kind ? parse(text)?.name : undefined
      if (kind && typeof name === 'string') taken[kind].add(name)
    }
    // Names first, so references between the pasted entities follow their new names (a copied process keeps
    // using the copied database, not the original); references to anything not pasted stay as they are.
    const names = payload.entities.map((entity) => {
      const name = freeName(entity.name, taken[entity.kind])
      taken[entity.kind].add(name)
      return name
    })
    const renamed: Record<EntityKindOnCanvas, Map<string, string>> = {
      api: new Map(),
      process: new Map(),
      database: new Map(),
      queue: new Map(),
    }
    payload.entities.forEach((entity, i) => {
      const name = names[i] as string
      if (name !== entity.name) renamed[entity.kind].set(entity.name, name)
    })
    const follow: ReferenceMapper = {
      ref: (kind, value) => (typeof value === 'string' ? (renamed[kind].get(value) ?? value) : value),
      key: (kind, key) => renamed[kind].get(key) ?? key,
    }
    for (const [i, entity] of payload.entities.entries()) {
      const name = names[i] as string
      let id: string
      if (entity.kind === 'api') {
        id = options.newId('api')
        const file = entity.path.slice(entity.path.lastIndexOf('/') + 1)
        const suffix = file.startsWith(entity.name) ? file.slice(entity.name.length) : file.slice(file.indexOf('.'))
        let path = `apis/${name}${suffix}`
        for (let i = 2; files[path] !== undefined; i++) path = `apis/${name}-${i}${suffix}`
        apis[name] = { id, type: entity.apiType ?? 'rest', file: path }
        files[path] = entity.text
      } else {
        const value = parse(entity.text)
        if (!value) continue
        id = options.newId(entity.kind === 'process' ? 'prc' : entity.kind === 'database' ? 'db' : 'que')
        const { dir, ext } = folders[entity.kind]
        let path = `${dir}${name}${ext}`
        for (let i = 2; files[path] !== undefined; i++) path = `${dir}${name}-${i}${ext}`
        const followed =
          entity.kind === 'process'
            ? mapProcessReferences(value, follow)
            : entity.kind === 'queue'
              ? mapQueueReferences(value, follow)
              : value
        files[path] = print({ ...followed, id, name })
      }
      if (entity.position)
        positions[id] = { x: Math.round(entity.position.x + offset), y: Math.round(entity.position.y + offset) }
      created.push(id)
    }
    files['backplane.json'] = print(manifest)
  } else {
    if (canvas.kind !== 'process')
      return { ok: false, message: 'Process nodes are pasted on a process canvas: open a process first.' }
    const path = Object.keys(options.owners).find((p) => options.owners[p] === canvas.id)
    const file = parse(path ? files[path] : undefined)
    if (!path || !file) return { ok: false, message: 'This process has no file to paste into.' }
    const process = processGraph(file, options.body)
    if (!process) return { ok: false, message: 'This for-each has no body to paste into.' }
    if (options.body !== undefined && Object.values(payload.nodes).some((n) => n.kind === 'for-each'))
      return { ok: false, message: 'A for-each is pasted on the process canvas, not inside another for-each body.' }
    // Node ids are unique within the whole process, every body included.
    const taken = nodeIdsOf(file)
    const renames = new Map<string, string>()
    // Every pasted id, for-each bodies included: node ids are unique within a process, bodies too.
    for (const id of nodeIdsOf({ nodes: payload.nodes })) {
      const next = freeName(id, taken)
      taken.add(next)
      renames.set(id, next)
    }
    const nodes = objectField(process, 'nodes')
    for (const [id, node] of Object.entries(payload.nodes)) {
      const next = renames.get(id) as string
      nodes[next] = renameBodies(remapExpressions(node, renames), renames)
      const at = payload.positions[id]
      if (at) positions[next] = { x: Math.round(at.x + offset), y: Math.round(at.y + offset) }
      created.push(next)
    }
    const edges = Array.isArray(process.edges) ? process.edges : []
    process.edges = edges
    for (const e of payload.edges) {
      const from = renames.get(e.from)
      const to = renames.get(e.to)
      if (from && to) edges.push({ from, port: e.port, to })
    }
    files[path] = print(file)
  }
  files['canvas.json'] = print(canvasJson)
  return { ok: true, files, created }
}
