import { parseOurJson } from '../formats/parse-our-json'
import { parseSpecText, type Spec } from '../formats/spec'
import { BreakingReason, type Change, ChangeArea, type ProjectDiff } from './change'
import { diffAsyncApi } from './diff-asyncapi'
import { diffDatabase } from './diff-database'
import { diffOpenApi } from './diff-openapi'
import { diffProcess } from './diff-process'
import { diffQueue } from './diff-queue'
import { emitterFor, fieldChanges } from './emitter'
import { jsonEqual, partition, recordOf } from './json-equal'

export type ProjectFiles = Readonly<Record<string, string>>

const MANIFEST = 'backplane.json'
const CANVAS = 'canvas.json'

type Entity = { key: string; name: string; path: string; value: unknown; parsed: boolean }

const entityKinds = [
  { area: ChangeArea.process, pattern: /^processes\/[^/]+\.process\.json$/, diff: diffProcess },
  { area: ChangeArea.database, pattern: /^infra\/databases\/[^/]+\.database\.json$/, diff: diffDatabase },
  { area: ChangeArea.queue, pattern: /^infra\/queues\/[^/]+\.queue\.json$/, diff: diffQueue },
] as const

function parseJson(path: string, text: string): { value: unknown; parsed: boolean } {
  const { value } = parseOurJson({ path, text })
  return { value, parsed: value !== undefined }
}

function stem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1)
  const dot = base.indexOf('.')
  return dot < 0 ? base : base.slice(0, dot)
}

function entities(files: ProjectFiles, pattern: RegExp): Map<string, Entity> {
  const out = new Map<string, Entity>()
  for (const path of Object.keys(files).sort()) {
    if (!pattern.test(path)) continue
    const { value, parsed } = parseJson(path, files[path] ?? '')
    const id = recordOf(value).id
    const name = recordOf(value).name
    // Ids survive renames and moves (DESIGN §3); a file without one is matched by path.
    const key = typeof id === 'string' && !out.has(`id:${id}`) ? `id:${id}` : `path:${path}`
    out.set(key, { key, name: typeof name === 'string' ? name : stem(path), path, value, parsed })
  }
  return out
}

/**
 * A file that does not parse has no id: it is keyed by path. Re-key it to whatever the other side holds at the same
 * path, so a broken file is one change, not a removal plus an addition.
 */
function matchByPath(before: Map<string, Entity>, after: Map<string, Entity>): Map<string, Entity> {
  const beforeByPath = new Map([...before.values()].map((e) => [e.path, e]))
  const out = new Map<string, Entity>()
  for (const [key, entity] of after) {
    const other = beforeByPath.get(entity.path)
    const unparsed = !entity.parsed || (other !== undefined && !other.parsed)
    const rekey = other !== undefined && other.key !== key && unparsed && !after.has(other.key)
    out.set(rekey ? other.key : key, rekey ? { ...entity, key: other.key } : entity)
  }
  return out
}

type Surface = { key: string; name: string; file: string; type: unknown }

function surfaces(files: ProjectFiles): Map<string, Surface> | undefined {
  const text = files[MANIFEST]
  if (text === undefined) return undefined
  const { value, parsed } = parseJson(MANIFEST, text)
  if (!parsed) return undefined
  const out = new Map<string, Surface>()
  const apis = recordOf(recordOf(value).apis)
  for (const name of Object.keys(apis)) {
    const api = recordOf(apis[name])
    const key = typeof api.id === 'string' ? `id:${api.id}` : `name:${name}`
    out.set(key, { key, name, file: typeof api.file === 'string' ? api.file : '', type: api.type })
  }
  return out
}

function parseSpec(path: string, text: string | undefined): Spec | undefined {
  return text === undefined ? undefined : parseSpecText({ path, text }).spec
}

/**
 * The semantic diff of two project folders given as `{ path: text }`: the manifest (project fields, API surfaces),
 * each API (OpenAPI or AsyncAPI: operations, channels, messages, schemas, security), each process (declaration,
 * nodes, edges), database and queue block, the canvas (one change), and any other file. Entities are matched by
 * their ids, so a rename is a field change, not a removal plus an addition; API operations by method and path
 * template, channels and AsyncAPI operations by key. Changes that break API consumers carry a `breaking` reason.
 * Pure; never throws; files that do not parse are compared as text.
 */
export function diffProjects(before: ProjectFiles, after: ProjectFiles): ProjectDiff {
  const changes: Change[] = []
  const handled = new Set<string>([MANIFEST, CANVAS])

  // Manifest and API surfaces.
  const sb = surfaces(before)
  const sa = surfaces(after)
  const projectName = String(
    recordOf(parseJson(MANIFEST, after[MANIFEST] ?? before[MANIFEST] ?? '{}').value).name ?? '',
  )
  if (sb && sa) {
    const emit = emitterFor(changes, { area: ChangeArea.manifest, entity: projectName, file: MANIFEST })
    fieldChanges(emit, {
      element: 'project',
      pointer: '',
      before: recordOf(parseJson(MANIFEST, before[MANIFEST] ?? '').value),
      after: recordOf(parseJson(MANIFEST, after[MANIFEST] ?? '').value),
      skip: new Set(['apis']),
    })
  } else if (before[MANIFEST] !== after[MANIFEST]) {
    rawFileChange(changes, MANIFEST, before[MANIFEST], after[MANIFEST], ChangeArea.manifest)
  }
  const pairs: Array<{ name: string; fileB?: string; fileA?: string }> = []
  if (sb && sa) {
    const { added, removed, both } = partition(sb, sa)
    for (const [, s] of removed) {
      handled.add(s.file)
      changes.push({
        area: ChangeArea.api,
        kind: 'removed',
        entity: s.name,
        element: `api ${s.name}`,
        file: MANIFEST,
        pointer: '/apis',
        breaking: BreakingReason.apiRemoved,
        message: `API ${s.name} removed (with every operation in ${s.file})`,
      })
    }
    for (const [, s] of added) {
      handled.add(s.file)
      changes.push({
        area: ChangeArea.api,
        kind: 'added',
        entity: s.name,
        element: `api ${s.name}`,
        file: MANIFEST,
        pointer: `/apis/${s.name}`,
        message: `API ${s.name} added (${s.file})`,
      })
    }
    for (const [, b, a] of both) {
      const emit = emitterFor(changes, { area: ChangeArea.api, entity: a.name, file: MANIFEST })
      fieldChanges(emit, {
        element: `api ${a.name}`,
        pointer: `/apis/${a.name}`,
        before: { name: b.name, type: b.type, file: b.file },
        after: { name: a.name, type: a.type, file: a.file },
      })
      pairs.push({ name: a.name, fileB: b.file, fileA: a.file })
    }
  } else {
    // No readable manifest on one side: pair API files by path.
    const specPaths = new Set([...Object.keys(before), ...Object.keys(after)].filter((p) => p.startsWith('apis/')))
    for (const path of [...specPaths].sort()) {
      pairs.push({
        name: stem(path),
        ...(before[path] !== undefined ? { fileB: path } : {}),
        ...(after[path] !== undefined ? { fileA: path } : {}),
      })
    }
  }
  for (const pair of pairs) {
    const file = pair.fileA ?? pair.fileB ?? ''
    if (pair.fileB) handled.add(pair.fileB)
    if (pair.fileA) handled.add(pair.fileA)
    const textB = pair.fileB === undefined ? undefined : before[pair.fileB]
    const textA = pair.fileA === undefined ? undefined : after[pair.fileA]
    if (textB === textA) continue
    const specB = pair.fileB === undefined ? undefined : parseSpec(pair.fileB, textB)
    const specA = pair.fileA === undefined ? undefined : parseSpec(pair.fileA, textA)
    const emit = emitterFor(changes, { area: ChangeArea.api, entity: pair.name, file })
    if (specB && specA && specB.kind === specA.kind && jsonEqual(specB.document, specA.document)) {
      // Only formatting differs (key order, whitespace, JSON vs YAML layout): nothing to say.
    } else if (specB && specA && specB.kind === specA.kind) {
      if (specA.kind === 'openapi') diffOpenApi(specB, specA, emit)
      else diffAsyncApi(specB, specA, emit)
    } else if (textB === undefined) {
      emit({ kind: 'added', element: 'spec', pointer: '', message: `${file} added` })
    } else if (textA === undefined) {
      emit({
        kind: 'removed',
        element: 'spec',
        pointer: '',
        breaking: BreakingReason.apiRemoved,
        message: `${file} removed`,
      })
    } else {
      emit({
        kind: 'changed',
        element: 'spec',
        pointer: '',
        message: `${file} changed (one version is not a readable spec)`,
      })
    }
  }

  // Processes, databases, queues.
  for (const kind of entityKinds) {
    const eb = entities(before, kind.pattern)
    const ea = matchByPath(eb, entities(after, kind.pattern))
    const { added, removed, both } = partition(eb, ea)
    for (const [, e] of added) {
      handled.add(e.path)
      changes.push({
        area: kind.area,
        kind: 'added',
        entity: e.name,
        element: kind.area,
        file: e.path,
        pointer: '',
        message: `${kind.area} ${e.name} added`,
      })
    }
    for (const [, e] of removed) {
      handled.add(e.path)
      changes.push({
        area: kind.area,
        kind: 'removed',
        entity: e.name,
        element: kind.area,
        file: e.path,
        pointer: '',
        message: `${kind.area} ${e.name} removed`,
      })
    }
    for (const [, b, a] of both) {
      handled.add(b.path)
      handled.add(a.path)
      const emit = emitterFor(changes, { area: kind.area, entity: a.name, file: a.path })
      if (b.parsed && a.parsed) {
        if (b.path !== a.path) {
          emit({
            kind: 'changed',
            element: kind.area,
            pointer: '',
            field: 'file',
            before: b.path,
            after: a.path,
            message: `${kind.area} ${a.name} moved from ${b.path} to ${a.path}`,
          })
        }
        kind.diff(b.value, a.value, emit)
      } else if (before[b.path] !== after[a.path]) {
        emit({
          kind: 'changed',
          element: kind.area,
          pointer: '',
          message: `${a.path} changed (one version does not parse)`,
        })
      }
    }
  }

  // Layout: one change, however many boxes moved.
  if (before[CANVAS] !== after[CANVAS]) {
    const b = before[CANVAS] === undefined ? undefined : parseJson(CANVAS, before[CANVAS]).value
    const a = after[CANVAS] === undefined ? undefined : parseJson(CANVAS, after[CANVAS]).value
    if (!jsonEqual(a, b) || (a === undefined) !== (b === undefined)) {
      const kind = before[CANVAS] === undefined ? 'added' : after[CANVAS] === undefined ? 'removed' : 'changed'
      changes.push({
        area: ChangeArea.canvas,
        kind,
        entity: projectName,
        element: 'layout',
        file: CANVAS,
        pointer: '',
        message: `layout ${kind}`,
      })
    }
  }

  // Anything else, as text.
  for (const path of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (handled.has(path) || before[path] === after[path]) continue
    rawFileChange(changes, path, before[path], after[path], ChangeArea.file)
  }

  const order = (c: Change) => (c.file === MANIFEST ? '' : c.file)
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => (order(x.c) < order(y.c) ? -1 : order(x.c) > order(y.c) ? 1 : x.i - y.i))
    .map((x) => x.c)
  return { changes: sorted, breaking: sorted.filter((c) => c.breaking !== undefined).length }
}

function rawFileChange(
  changes: Change[],
  path: string,
  before: string | undefined,
  after: string | undefined,
  area: ChangeArea,
): void {
  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'
  changes.push({ area, kind, entity: path, element: 'file', file: path, pointer: '', message: `${path} ${kind}` })
}
