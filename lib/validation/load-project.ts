import type { DatabaseFile, ManifestFile, ProcessFile, QueueFile } from '../formats'
import { indexSpec } from '../formats/spec/index-spec'
import { parseSpecText } from '../formats/spec/parse-spec-text'
import { locatePointer } from '../formats/spec/spec-source-map'
import { validateSpec } from '../formats/spec/validate-spec'
import { type Problem, problem } from '../problems'
import { parseJsonSource } from './json-source'
import type { ApiEntry, ProjectFile, ProjectModel } from './project-model'
import { createSchemaValidators, type OurFormat } from './schema-validators'
import { validationRules as R } from './validation-rules'

export type LoadProjectOptions = {
  /** Validate API specs against OpenAPI/AsyncAPI (slow: ≥ 0.2 s each). Parsing and indexing always happen. */
  validateSpecs?: boolean
}

const layout: { format: OurFormat; pattern: RegExp }[] = [
  { format: 'manifest', pattern: /^backplane\.json$/ },
  { format: 'process', pattern: /^processes\/[^/]+\.process\.json$/ },
  { format: 'database', pattern: /^infra\/databases\/[^/]+\.database\.json$/ },
  { format: 'queue', pattern: /^infra\/queues\/[^/]+\.queue\.json$/ },
]

function loadOurFile<T>(
  path: string,
  text: string,
  format: OurFormat,
  validate: (value: unknown) => { pointer: string; message: string }[],
  problems: Problem[],
): ProjectFile<T> {
  const clean = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text
  const src = parseJsonSource(clean)
  const file: ProjectFile<T> = { path, text: clean, raw: src.value, locate: src.locate, locateOffset: src.locateOffset }
  if (src.errors.length > 0 || src.value === undefined) {
    for (const e of src.errors.slice(0, 10)) {
      const at = src.locateOffset(e.offset)
      problems.push(
        problem({
          severity: 'error',
          ...R.fileJson,
          message: `JSON syntax error: ${e.message}.`,
          hint: 'Fix the JSON at this position (a missing comma, quote or bracket is the usual cause).',
          file: path,
          line: at.line,
          column: at.column,
        }),
      )
    }
    return file
  }
  const errors = validate(src.value)
  for (const e of errors) {
    const at = src.locate(e.pointer)
    problems.push(
      problem({
        severity: 'error',
        ...R.fileSchema,
        message: `${e.pointer || '/'}: ${e.message} (${format} format).`,
        hint: 'Fix the file so it matches its JSON Schema (schemas/); see docs/formats.md.',
        file: path,
        pointer: e.pointer,
        line: at?.line,
        column: at?.column,
      }),
    )
  }
  if (errors.length === 0) file.value = src.value as T
  return file
}

/**
 * Reads the files of a project into the model the cross-file rules use, reporting syntax and schema problems of
 * each file and of each API spec. Interim adapter: per-file schema validation moves to lib/formats'
 * validateFormatFile once exported. Never throws.
 */
export async function loadProject(
  files: Readonly<Record<string, string>>,
  options: LoadProjectOptions = {},
): Promise<{ model: ProjectModel; problems: Problem[] }> {
  const problems: Problem[] = []
  const validators = createSchemaValidators()
  const model: ProjectModel = { processes: [], databases: [], queues: [], apis: [] }
  const paths = Object.keys(files).sort()
  for (const path of paths) {
    const text = files[path] ?? ''
    const kind = layout.find((l) => l.pattern.test(path))
    if (kind) {
      const validate = validators[kind.format]
      if (kind.format === 'manifest')
        model.manifest = loadOurFile<ManifestFile>(path, text, 'manifest', validate, problems)
      else if (kind.format === 'process')
        model.processes.push(loadOurFile<ProcessFile>(path, text, 'process', validate, problems))
      else if (kind.format === 'database')
        model.databases.push(loadOurFile<DatabaseFile>(path, text, 'database', validate, problems))
      else model.queues.push(loadOurFile<QueueFile>(path, text, 'queue', validate, problems))
      continue
    }
    if (path === 'canvas.json' || path.startsWith('apis/') || /(^|\/)(README|\.gitignore)/i.test(path)) continue
    problems.push(
      problem({
        severity: 'warning',
        ...R.fileUnknown,
        message: `${path} is not part of the project layout; it is ignored.`,
        hint: 'Processes go in processes/<name>.process.json, databases in infra/databases/, queues in infra/queues/, specs in apis/.',
        file: path,
      }),
    )
  }
  if (!model.manifest) {
    problems.push(
      problem({
        severity: 'error',
        ...R.manifestMissing,
        message: 'The project has no backplane.json.',
        hint: 'Create it with `backplane new <dir>`, or add the manifest by hand (see docs/formats.md).',
        file: 'backplane.json',
      }),
    )
  }
  const manifest = model.manifest
  const listed = new Set<string>()
  if (manifest?.value) {
    for (const [name, surface] of Object.entries(manifest.value.apis)) {
      listed.add(surface.file)
      const entry: ApiEntry = { name, id: surface.id, type: surface.type, file: surface.file }
      model.apis.push(entry)
      const pointer = `/apis/${name}/file`
      const text = files[surface.file]
      const at = manifest.locate(pointer)
      if (text === undefined) {
        problems.push(
          problem({
            severity: 'error',
            ...R.apiMissingFile,
            message: `API ${name} names ${surface.file}, which is not in the project.`,
            hint: 'Add the spec file, or fix the path in backplane.json.',
            file: manifest.path,
            pointer,
            line: at?.line,
            column: at?.column,
          }),
        )
        continue
      }
      const parsed = parseSpecText({ path: surface.file, text })
      problems.push(...parsed.problems)
      if (!parsed.spec) continue
      const expected = surface.type === 'rest' ? 'openapi' : 'asyncapi'
      if (parsed.spec.kind !== expected) {
        problems.push(
          problem({
            severity: 'error',
            ...R.apiTypeMismatch,
            message: `API ${name} is of type ${surface.type} but ${surface.file} is an ${parsed.spec.kind} document.`,
            hint: `A rest surface is one OpenAPI document, an event surface one AsyncAPI document.`,
            file: manifest.path,
            pointer: `/apis/${name}/type`,
            ...(() => {
              const t = manifest.locate(`/apis/${name}/type`)
              return { line: t?.line, column: t?.column }
            })(),
          }),
        )
      }
      if (parsed.problems.some((p) => p.severity === 'error')) continue
      const sourceMap = parsed.sourceMap
      if (sourceMap) entry.locate = (p) => locatePointer(sourceMap, p)
      entry.index = indexSpec(parsed.spec)
      entry.document = parsed.spec.document
      if (options.validateSpecs !== false) {
        problems.push(...(await validateSpec(parsed.spec, { path: surface.file, sourceMap })))
      }
    }
  }
  for (const path of paths) {
    if (!path.startsWith('apis/') || listed.has(path) || !manifest?.value) continue
    problems.push(
      problem({
        severity: 'warning',
        ...R.apiUnlisted,
        message: `${path} is not listed as an API surface in backplane.json; it is ignored.`,
        hint: 'Add it with `backplane add-api`, or remove the file.',
        file: path,
      }),
    )
  }
  return { model, problems }
}
