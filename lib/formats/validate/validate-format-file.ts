import type { ErrorObject } from 'ajv/dist/2020.js'
import { type Problem, problem } from '../../problems'
import { embeddedSchemaPointers } from '../canonical/embedded-schemas'
import { upgradeCanvas } from '../canvas/upgrade-canvas'
import { upgradeDatabase } from '../database/upgrade-database'
import { upgradeManifest } from '../manifest/upgrade-manifest'
import { type ParseOurJsonResult, parseOurJson } from '../parse-our-json'
import { isPlainObject, valueAt } from '../pointer'
import { upgradeProcess } from '../process/upgrade-process'
import { upgradeQueue } from '../queue/upgrade-queue'
import { currentVersion, type FormatKind, formatName, formatTag } from '../schemas'
import type { SourceMap } from '../source-map'
import type { UpgradeResult, UpgradeSteps } from '../upgrade-steps'
import { explainAjvErrors, readablePath } from './explain-ajv-errors'
import { formatAjv } from './format-ajv'
import { formatKindOfPath, pathHint, pathOfFormat } from './format-paths'

export type ValidateFormatFileResult = {
  /** undefined when the path is not one of our formats. */
  kind: FormatKind | undefined
  /** The parsed (and, for an older version, upgraded) value; undefined when the text is not JSON. */
  value: unknown
  sourceMap: SourceMap | undefined
  /** True when the value matches its schema and every other rule of this module. */
  valid: boolean
  /** Set when the file was written in an older version and `value` is its upgrade. */
  upgradedFrom?: number
  problems: Problem[]
}

const upgraders: Record<FormatKind, (v: Record<string, unknown>, from: number, steps?: UpgradeSteps) => UpgradeResult> =
  {
    manifest: upgradeManifest,
    process: upgradeProcess,
    database: upgradeDatabase,
    queue: upgradeQueue,
    canvas: upgradeCanvas,
  }

export type ValidateFormatFileOptions = {
  path: string
  text: string
  /** Upgrade steps to use instead of the built-in ones (tests use a synthetic v0). */
  upgradeSteps?: Partial<Record<FormatKind, UpgradeSteps>>
}

/**
 * Validates one of our JSON files: dispatch by path, JSON syntax, `format` and version (older versions are
 * upgraded, newer ones refused with a clear message), the format's JSON Schema (ajv, 2020-12), the file name
 * (`<name>.<kind>.json` must match `name`) and every embedded JSON Schema against the 2020-12 meta-schema.
 * Every problem is located (file, pointer, line:column). Pure; never throws on user input.
 */
export function validateFormatFile(options: ValidateFormatFileOptions): ValidateFormatFileResult {
  const { path, text } = options
  const where = formatKindOfPath(path)
  if (!where) {
    return {
      kind: undefined,
      value: undefined,
      sourceMap: undefined,
      valid: false,
      problems: [
        problem({
          severity: 'error',
          code: 'files-unknown-path',
          rule: 'files.unknown-path',
          message: `${path} is not a Backplane file`,
          hint: pathHint(path),
          file: path,
        }),
      ],
    }
  }
  const parsed = parseOurJson({ path, text })
  return validateParsedFormatFile({ ...options, kind: where.kind, stem: where.name, parsed })
}

/** validateFormatFile for text already parsed (readProject parses each file once). */
export function validateParsedFormatFile(
  options: ValidateFormatFileOptions & { kind: FormatKind; stem?: string; parsed: ParseOurJsonResult },
): ValidateFormatFileResult {
  const { path, kind, parsed } = options
  const { sourceMap } = parsed
  const base = { kind, sourceMap }
  if (parsed.value === undefined) return { ...base, value: undefined, valid: false, problems: parsed.problems }
  const at = (pointer: string, key = false) => {
    const l = key ? sourceMap.locateKey(pointer) : sourceMap.locate(pointer)
    return l ? { line: l.line, column: l.column } : {}
  }
  const fail = (value: unknown, p: Problem) => ({ ...base, value, valid: false, problems: [p] })
  if (!isPlainObject(parsed.value)) {
    return fail(
      parsed.value,
      problem({
        severity: 'error',
        code: 'schema-type',
        rule: 'schema.type',
        message: `the file must be a JSON object`,
        hint: `Start it with {"format": "${formatTag[kind]}", …}.`,
        file: path,
        pointer: '',
        ...at(''),
      }),
    )
  }
  let value: Record<string, unknown> = parsed.value
  // Format and version come first: validating a future or foreign format against our schema only produces noise.
  const format = value.format
  const m = typeof format === 'string' ? /^(backplane\.[a-z-]+)\/v(0|[1-9][0-9]*)$/.exec(format) : null
  if (!m) {
    return fail(
      value,
      problem({
        severity: 'error',
        code: format === undefined ? 'format-missing' : 'format-unknown',
        rule: format === undefined ? 'format.missing' : 'format.unknown',
        message:
          format === undefined
            ? `the file has no "format"`
            : `"format" is ${JSON.stringify(format)}, which is not a Backplane format`,
        hint: `Write "format": "${formatTag[kind]}" first in the file.`,
        file: path,
        pointer: '/format',
        ...at('/format'),
      }),
    )
  }
  const [, name, versionText] = m
  const version = Number(versionText)
  if (name !== formatName[kind]) {
    return fail(
      value,
      problem({
        severity: 'error',
        code: 'format-wrong-kind',
        rule: 'format.wrong-kind',
        message: `this file says it is a ${name} file, but ${path} must hold a ${formatName[kind]} file`,
        hint: `Move it to where ${name} files live, or fix "format" to "${formatTag[kind]}".`,
        file: path,
        pointer: '/format',
        ...at('/format'),
      }),
    )
  }
  let upgradedFrom: number | undefined
  const problems: Problem[] = []
  if (version > currentVersion[kind]) {
    return fail(
      value,
      problem({
        severity: 'error',
        code: 'format-future-version',
        rule: 'format.future-version',
        message: `${path} is written in ${name}/v${version}, newer than this Backplane reads (up to v${currentVersion[kind]})`,
        hint: 'Upgrade Backplane to read it; nothing was changed in the file.',
        file: path,
        pointer: '/format',
        ...at('/format'),
      }),
    )
  }
  if (version < currentVersion[kind]) {
    const steps = options.upgradeSteps?.[kind]
    const up = upgraders[kind](value, version, ...(steps ? [steps] : []))
    if ('missingStep' in up) {
      return fail(
        value,
        problem({
          severity: 'error',
          code: 'format-unknown-version',
          rule: 'format.unknown-version',
          message: `${name}/v${version} is not a version Backplane knows`,
          hint: `The versions of ${name} are v1 to v${currentVersion[kind]}. Write "format": "${formatTag[kind]}".`,
          file: path,
          pointer: '/format',
          ...at('/format'),
        }),
      )
    }
    value = up.value
    upgradedFrom = version
    problems.push(
      problem({
        severity: 'info',
        code: 'format-upgraded',
        rule: 'format.upgraded',
        message: `${path} was read as ${name}/v${version} and upgraded to v${currentVersion[kind]}`,
        hint: 'backplane fmt writes it in the current version.',
        file: path,
        pointer: '/format',
        ...at('/format'),
      }),
    )
  }
  // After an upgrade the source map still points into the old text: good enough to locate most problems.
  const fa = formatAjv()
  const validate = fa.validatorOf(kind)
  if (!validate(value)) {
    problems.push(...explainAjvErrors(validate.errors ?? [], { fa, file: path, sourceMap, data: value }))
  }
  const stem = options.stem
  if ((kind === 'process' || kind === 'database' || kind === 'queue') && stem !== undefined) {
    const declared = value.name
    if (typeof declared === 'string' && declared !== stem) {
      problems.push(
        problem({
          severity: 'error',
          code: 'files-name-mismatch',
          rule: 'files.name-mismatch',
          message: `${path} declares the name "${declared}"; the file name says "${stem}"`,
          hint: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(declared)
            ? `Rename the file to ${pathOfFormat(kind, declared)}, or set "name" to "${stem}".`
            : `Set "name" to "${stem}".`,
          file: path,
          pointer: '/name',
          ...at('/name'),
        }),
      )
    }
  }
  for (const pointer of embeddedSchemaPointers(kind, value)) {
    const errors = fa.validateEmbeddedSchema(valueAt(value, pointer))
    problems.push(...explainMetaErrors(errors, pointer, path, sourceMap))
  }
  const valid = !problems.some((p) => p.severity === 'error')
  return { kind, value, sourceMap, valid, problems, ...(upgradedFrom !== undefined ? { upgradedFrom } : {}) }
}

/** Meta-schema errors, with anyOf noise (type: string or array) collapsed to one message per place. */
function explainMetaErrors(errors: ErrorObject[], base: string, file: string, sourceMap: SourceMap): Problem[] {
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const out: Problem[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    if (anyOfAt.has(e.instancePath) && e.keyword !== 'anyOf') continue
    const pointer = base + e.instancePath
    const key = `${pointer}|${e.keyword}`
    if (seen.has(key)) continue
    seen.add(key)
    const keyword = e.instancePath.split('/').pop() ?? ''
    const l = sourceMap.locate(pointer)
    out.push(
      problem({
        severity: 'error',
        code: 'json-schema-invalid',
        rule: `json-schema.${e.keyword}`,
        message:
          e.keyword === 'anyOf'
            ? `${readablePath(pointer)} is not a valid value for the JSON Schema keyword "${keyword}"`
            : `${readablePath(pointer)} ${e.message ?? 'is invalid'} (JSON Schema 2020-12)`,
        hint:
          keyword === 'type'
            ? 'type is one of "string", "number", "integer", "boolean", "object", "array", "null", or a list of them.'
            : `The embedded schema at ${readablePath(base)} must be a valid JSON Schema (draft 2020-12).`,
        file,
        pointer,
        ...(l ? { line: l.line, column: l.column } : {}),
      }),
    )
  }
  return out
}

const noSourceMap: SourceMap = { locate: () => undefined, locateKey: () => undefined }

export type ValidateFormatValueOptions = {
  kind: FormatKind
  /** Any value: an HTTP body, a document export, a workflow input. */
  value: unknown
  /** The file the value stands for, when there is one (problems then name it and the file-name rule applies). */
  file?: string
  upgradeSteps?: Partial<Record<FormatKind, UpgradeSteps>>
}

/**
 * validateFormatFile for a value that has no text (so problems have pointers but no line:column): the same
 * format/version, schema and embedded-schema checks, for every entry point that is not a file read.
 */
export function validateFormatValue(options: ValidateFormatValueOptions): ValidateFormatFileResult {
  const { kind, value, file } = options
  const stem = file ? formatKindOfPath(file)?.name : undefined
  const result = validateParsedFormatFile({
    path: file ?? `this ${kind}`,
    text: '',
    kind,
    ...(stem !== undefined ? { stem } : {}),
    parsed: { value, sourceMap: noSourceMap, problems: [] },
    ...(options.upgradeSteps ? { upgradeSteps: options.upgradeSteps } : {}),
  })
  if (file !== undefined) return { ...result, sourceMap: undefined }
  const problems = result.problems.map(({ file: _, ...rest }) => rest)
  return { ...result, sourceMap: undefined, problems }
}
