import { type Problem, problem } from '../../problems'
import { parseOurJson } from '../parse-our-json'
import type { FormatKind } from '../schemas'
import type { SourceMap } from '../source-map'
import { parseSpecText } from '../spec/parse-spec-text'
import type { Spec } from '../spec/spec'
import type { SpecSourceMap } from '../spec/spec-source-map'
import type { ApiSurface, CanvasFile, DatabaseFile, ManifestFile, ProcessFile, QueueFile } from '../types'
import { formatKindOfPath, pathHint } from '../validate/format-paths'
import { validateParsedFormatFile } from '../validate/validate-format-file'

/** One of our files that passed its schema: `value` is typed because ajv checked it. */
export type ParsedFile<T> = { path: string; value: T; sourceMap: SourceMap }

/** An API surface of the manifest with its spec file (absent or unparsable specs leave `spec` undefined). */
export type ParsedApi = {
  name: string
  surface: ApiSurface
  path: string
  spec?: Spec
  sourceMap?: SpecSourceMap
}

/** A file of ours that is JSON but fails its schema or version check: kept, never dropped, but untyped. */
export type InvalidFile = { path: string; kind: FormatKind; value: unknown; sourceMap: SourceMap | undefined }

export type ParsedProject = {
  manifest?: ParsedFile<ManifestFile>
  apis: ParsedApi[]
  processes: ParsedFile<ProcessFile>[]
  databases: ParsedFile<DatabaseFile>[]
  queues: ParsedFile<QueueFile>[]
  canvas?: ParsedFile<CanvasFile>
  invalid: InvalidFile[]
}

function isHidden(path: string): boolean {
  return path.split('/').some((s) => s.startsWith('.'))
}

/**
 * Reads a project folder given as `{ path: text }` (paths relative to the project root, `/`-separated): each of our
 * files parsed and schema-checked once, the manifest's API specs parsed by the spec module (not validated: that
 * is the async `validateSpec`). Lists are sorted by path. Files that are JSON but invalid go to `invalid`;
 * unknown files are reported as warnings and ignored; hidden files (a segment starting with '.') are skipped.
 * Pure; never throws on user input.
 */
export function readProject(files: Readonly<Record<string, string>>): { project: ParsedProject; problems: Problem[] } {
  const project: ParsedProject = { apis: [], processes: [], databases: [], queues: [], invalid: [] }
  const problems: Problem[] = []
  const specPaths = new Set<string>()
  const paths = Object.keys(files).sort()
  for (const path of paths) {
    if (isHidden(path)) continue
    const where = formatKindOfPath(path)
    if (!where) {
      if (path.startsWith('apis/')) specPaths.add(path)
      else
        problems.push(
          problem({
            severity: 'warning',
            code: 'files-unknown-path',
            rule: 'files.unknown-path',
            message: `${path} is not a Backplane file and is ignored`,
            hint: pathHint(path),
            file: path,
          }),
        )
      continue
    }
    const text = files[path] ?? ''
    const parsed = parseOurJson({ path, text })
    const result = validateParsedFormatFile({
      path,
      text,
      kind: where.kind,
      ...(where.name !== undefined ? { stem: where.name } : {}),
      parsed,
    })
    problems.push(...result.problems)
    if (result.value === undefined) continue
    if (!result.valid) {
      project.invalid.push({ path, kind: where.kind, value: result.value, sourceMap: result.sourceMap })
      continue
    }
    const sourceMap = parsed.sourceMap
    // The casts are the boundary: ajv has just checked these values against the schemas the types come from.
    switch (where.kind) {
      case 'manifest':
        project.manifest = { path, value: result.value as ManifestFile, sourceMap }
        break
      case 'process':
        project.processes.push({ path, value: result.value as ProcessFile, sourceMap })
        break
      case 'database':
        project.databases.push({ path, value: result.value as DatabaseFile, sourceMap })
        break
      case 'queue':
        project.queues.push({ path, value: result.value as QueueFile, sourceMap })
        break
      case 'canvas':
        project.canvas = { path, value: result.value as CanvasFile, sourceMap }
        break
    }
  }
  if (!('backplane.json' in files)) {
    problems.push(
      problem({
        severity: 'error',
        code: 'files-missing-manifest',
        rule: 'files.missing-manifest',
        message: 'the project has no backplane.json',
        hint: 'Create it with `backplane new`, or add {"format": "backplane.project/v1", "id", "name", "description", "apis"}.',
        file: 'backplane.json',
      }),
    )
  }
  const manifest = project.manifest
  if (manifest) {
    for (const [name, surface] of Object.entries(manifest.value.apis).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      const pointer = `/apis/${name}/file`
      const at = manifest.sourceMap.locate(pointer)
      const loc = at ? { line: at.line, column: at.column } : {}
      const api: ParsedApi = { name, surface, path: surface.file }
      project.apis.push(api)
      specPaths.delete(surface.file)
      const text = files[surface.file]
      if (text === undefined) {
        problems.push(
          problem({
            severity: 'error',
            code: 'files-missing-spec',
            rule: 'files.missing-spec',
            message: `the API "${name}" names ${surface.file}, which is not in the project`,
            hint: `Add ${surface.file}, or fix "file" of the API "${name}".`,
            file: 'backplane.json',
            pointer,
            ...loc,
          }),
        )
        continue
      }
      const parsed = parseSpecText({ path: surface.file, text })
      problems.push(...parsed.problems)
      if (parsed.spec) api.spec = parsed.spec
      if (parsed.sourceMap) api.sourceMap = parsed.sourceMap
      const expected = surface.type === 'rest' ? 'openapi' : 'asyncapi'
      if (parsed.spec && parsed.spec.kind !== expected) {
        problems.push(
          problem({
            severity: 'error',
            code: 'files-spec-kind',
            rule: 'files.spec-kind',
            message: `the API "${name}" is ${surface.type === 'rest' ? 'a REST' : 'an event'} surface, but ${surface.file} is ${parsed.spec.kind === 'openapi' ? 'an OpenAPI' : 'an AsyncAPI'} document`,
            hint: `A ${surface.type} surface is one ${expected === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} 3.x document; change "type" or the file.`,
            file: 'backplane.json',
            pointer: `/apis/${name}/type`,
            ...loc,
          }),
        )
      }
    }
  }
  for (const path of specPaths) {
    problems.push(
      problem({
        severity: 'warning',
        code: 'files-unlisted-spec',
        rule: 'files.unlisted-spec',
        message: `${path} is not an API surface of backplane.json and is ignored`,
        hint: 'Add it to "apis" in backplane.json (backplane add-api), or remove it.',
        file: path,
      }),
    )
  }
  return { project, problems }
}
