import { type Problem, problem } from '../../problems'
import { isRecord } from './json-pointer'
import { parseDataText } from './parse-data-text'
import { isSupportedSpecVersion, type ParseSpecResult, type SpecKind } from './spec'
import { specRules } from './spec-rules'
import { locatePointer, type SpecSourceMap } from './spec-source-map'

type Header = { kind: SpecKind; version: string; problems: Problem[] }

function at(path: string, sourceMap: SpecSourceMap | undefined, pointer: string) {
  return { file: path, pointer, ...(sourceMap ? locatePointer(sourceMap, pointer) : {}) }
}

/** Reads kind and version from the `openapi` / `swagger` / `asyncapi` field. */
export function readSpecHeader(document: unknown, path: string, sourceMap?: SpecSourceMap): Header | Problem[] {
  if (!isRecord(document)) {
    return [
      problem({
        severity: 'error',
        ...specRules.notAnObject,
        message: 'A spec file must hold one object (a mapping), not a list, a string or nothing.',
        hint: 'Start the file with `openapi: 3.1.0` or `asyncapi: 3.0.0` and the rest of the document.',
        ...at(path, sourceMap, ''),
      }),
    ]
  }
  const field = ['openapi', 'asyncapi', 'swagger'].find((f) => Object.hasOwn(document, f))
  if (field === undefined) {
    return [
      problem({
        severity: 'error',
        ...specRules.kindUnknown,
        message:
          'This is neither an OpenAPI nor an AsyncAPI document: it has no `openapi`, `swagger` or `asyncapi` field.',
        hint: 'Add `openapi: 3.1.0` (REST) or `asyncapi: 3.0.0` (events) at the top of the document.',
        ...at(path, sourceMap, ''),
      }),
    ]
  }
  const kind: SpecKind = field === 'asyncapi' ? 'asyncapi' : 'openapi'
  const raw = document[field]
  const problems: Problem[] = []
  if (typeof raw !== 'string') {
    problems.push(
      problem({
        severity: 'error',
        ...specRules.versionType,
        message: `\`${field}\` must be a string, found ${raw === null ? 'null' : typeof raw} ${JSON.stringify(raw)}.`,
        hint: `Quote the version, e.g. \`${field}: "${field === 'swagger' ? '2.0' : kind === 'openapi' ? '3.1.0' : '3.0.0'}"\` (YAML reads 3.1 as a number).`,
        ...at(path, sourceMap, `/${field}`),
      }),
    )
  }
  return { kind, version: field === 'swagger' ? '2.0' : String(raw), problems }
}

/** The refusal for a version Backplane does not store; importSpecText converts the convertible ones instead. */
export function unsupportedVersionProblem(
  kind: SpecKind,
  version: string,
  path: string,
  sourceMap?: SpecSourceMap,
): Problem {
  const field = kind === 'asyncapi' ? 'asyncapi' : version === '2.0' ? 'swagger' : 'openapi'
  const convertible = kind === 'openapi' ? version === '2.0' : /^[12]\./.test(version)
  const name = kind === 'openapi' ? (version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${version}`) : `AsyncAPI ${version}`
  const target = kind === 'openapi' ? 'OpenAPI 3.0, 3.1 or 3.2' : 'AsyncAPI 3.0 or 3.1'
  return problem({
    severity: 'error',
    ...specRules.versionUnsupported,
    message: `${name} is not supported here; a project stores ${target} documents.`,
    hint: convertible
      ? `Import it with \`backplane add-api <dir> ${path}\`, which converts it to ${kind === 'openapi' ? 'OpenAPI 3.0' : 'AsyncAPI 3.0'} and reports what changed.`
      : `Rewrite the document as ${target}.`,
    ...at(path, sourceMap, `/${field}`),
  })
}

/**
 * Parses an OpenAPI or AsyncAPI file (JSON or YAML, by name or content) into a Spec, keeping the author's key
 * order, plus a source map for locating problems. Syntax errors, a missing kind field and unsupported versions
 * are located problems (Swagger 2.0 and AsyncAPI 2.x: an error saying how to convert; importSpecText converts).
 * YAML comments are a warning. Pure; never throws; the text is parsed once.
 */
export function parseSpecText({ path, text }: { path: string; text: string }): ParseSpecResult {
  const data = parseDataText({ path, text })
  if (data.value === undefined) return { problems: data.problems }
  const sourceMap = data.sourceMap
  const header = readSpecHeader(data.value, path, sourceMap)
  const withMap = sourceMap ? { sourceMap } : {}
  if (Array.isArray(header)) return { ...withMap, problems: [...data.problems, ...header] }
  const problems = [...data.problems, ...header.problems]
  if (header.problems.length === 0 && !isSupportedSpecVersion(header.kind, header.version)) {
    problems.push(unsupportedVersionProblem(header.kind, header.version, path, sourceMap))
  }
  return {
    spec: { kind: header.kind, version: header.version, serialization: data.serialization, document: data.value },
    ...withMap,
    problems,
  }
}
