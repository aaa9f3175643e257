import { type ParsedFile, readProject } from '../formats/project/read-project'
import type { SourceMap } from '../formats/source-map'
import { lineIndex } from '../formats/source-map'
import { indexSpec, locatePointer, validateSpec } from '../formats/spec'
import type { Problem } from '../problems'
import type { ApiEntry, Located, ProjectFile, ProjectModel } from './project-model'

export type LoadProjectOptions = {
  /** Validate API specs against OpenAPI/AsyncAPI (slow: ≥ 0.2 s each). Parsing and indexing always happen. */
  validateSpecs?: boolean
}

function projectFile<T>(
  path: string,
  text: string,
  raw: unknown,
  sourceMap: SourceMap | undefined,
  value?: T,
): ProjectFile<T> {
  const at = lineIndex(text)
  const file: ProjectFile<T> = {
    path,
    text,
    raw,
    locate(pointer): Located | undefined {
      const l = sourceMap?.locate(pointer)
      return l ? { line: l.line, column: l.column, offset: l.offset } : undefined
    },
    locateOffset: (offset) => ({ ...at(offset), offset }),
  }
  if (value !== undefined) file.value = value
  return file
}

/**
 * Reads the files of a project into the model the cross-file rules use: lib/formats' readProject (layout, JSON,
 * format versions, schemas, file names, manifest ↔ spec files) plus, per API, the spec index and (optionally)
 * validateSpec. Files that fail their schema stay in the model untyped (`raw` only), so their names still count.
 * Never throws.
 */
export async function loadProject(
  files: Readonly<Record<string, string>>,
  options: LoadProjectOptions = {},
): Promise<{ model: ProjectModel; problems: Problem[] }> {
  const { project, problems } = readProject(files)
  const model: ProjectModel = { processes: [], databases: [], queues: [], apis: [] }
  const typed = <T>(f: ParsedFile<T>) => projectFile<T>(f.path, files[f.path] ?? '', f.value, f.sourceMap, f.value)
  if (project.manifest) model.manifest = typed(project.manifest)
  model.processes = project.processes.map(typed)
  model.databases = project.databases.map(typed)
  model.queues = project.queues.map(typed)
  for (const bad of project.invalid) {
    const file = projectFile<never>(bad.path, files[bad.path] ?? '', bad.value, bad.sourceMap)
    if (bad.kind === 'process') model.processes.push(file)
    else if (bad.kind === 'database') model.databases.push(file)
    else if (bad.kind === 'queue') model.queues.push(file)
  }
  // Files that are not even JSON still exist: their names (from the file name) keep references to them quiet.
  const known = new Set([...model.processes, ...model.databases, ...model.queues].map((f) => f.path))
  for (const path of Object.keys(files).sort()) {
    if (known.has(path)) continue
    const kind = /^processes\/[^/]+\.process\.json$/.test(path)
      ? model.processes
      : /^infra\/databases\/[^/]+\.database\.json$/.test(path)
        ? model.databases
        : /^infra\/queues\/[^/]+\.queue\.json$/.test(path)
          ? model.queues
          : undefined
    kind?.push(projectFile<never>(path, files[path] ?? '', undefined, undefined))
  }
  for (const api of project.apis) {
    const entry: ApiEntry = { name: api.name, id: api.surface.id, type: api.surface.type, file: api.path }
    model.apis.push(entry)
    const spec = api.spec
    const specFailed = problems.some((p) => p.file === api.path && p.severity === 'error')
    if (!spec || specFailed || spec.kind !== (api.surface.type === 'rest' ? 'openapi' : 'asyncapi')) continue
    const sourceMap = api.sourceMap
    if (sourceMap) entry.locate = (p) => locatePointer(sourceMap, p)
    const index = indexSpec(spec)
    entry.index = index
    entry.document = spec.document
    if (options.validateSpecs !== false) {
      // The index is shared so the spec's path-parameter check does not index the 13 MB document again.
      problems.push(...(await validateSpec(spec, { path: api.path, sourceMap, index })))
    }
  }
  return { model, problems }
}
