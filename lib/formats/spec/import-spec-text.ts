import { type Problem, problem } from '../../problems'
import { type BundledRef, bundleExternalRefs } from './bundle-external-refs'
import { type ConversionReport, convertSpec, isConvertibleSpecVersion } from './convert-spec'
import { parseDataText } from './parse-data-text'
import { readSpecHeader, unsupportedVersionProblem } from './parse-spec-text'
import { printSpec } from './print-spec'
import { isSupportedSpecVersion, type Spec } from './spec'
import { specRules } from './spec-rules'
import type { SpecSourceMap } from './spec-source-map'

export type ImportSpecResult = {
  /** Absent when any error problem was found: an import is whole or nothing. */
  spec?: Spec
  /**
   * Locates pointers for validateSpec. In the original text when nothing was converted or bundled
   * (`sourceMapOf: 'original'`); otherwise in printSpec(spec), the file the project will store ('printed'),
   * since the original text no longer has the converted or bundled parts.
   */
  sourceMap?: SpecSourceMap
  sourceMapOf?: 'original' | 'printed'
  /** Errors (the import is refused), the YAML-comments warning, and info entries for conversion and bundling. */
  problems: Problem[]
  conversion?: ConversionReport
  bundled: BundledRef[]
}

export type ImportSpecInput = {
  path: string
  text: string
  /** Reads a file referenced by an external $ref (path relative to the spec's directory); see bundleExternalRefs. */
  resolveExternal?: (relPath: string) => string | undefined
}

/** False only when no `$ref` in the text can name anything but '#…' (conservative: a false true costs a walk). */
export function mayHaveExternalRefs(text: string): boolean {
  return /\$ref['"]?\s*:\s*(?=\S)(?!['"]?#)/.test(text)
}

/**
 * The import entry of `backplane add-api`: parse → convert (Swagger 2.0 → OpenAPI 3.0, AsyncAPI 1.x/2.x → 3.0)
 * → bundle external $refs → problems. Keeps the serialization and the author's key order. Any error refuses the
 * whole import (no spec returned): never a half-import. It does not validate against the specification; run
 * validateSpec on the result (async, slow). Pure; never throws.
 */
export function importSpecText({ path, text, resolveExternal }: ImportSpecInput): ImportSpecResult {
  const data = parseDataText({ path, text })
  if (data.value === undefined) return { problems: data.problems, bundled: [] }
  const header = readSpecHeader(data.value, path, data.sourceMap)
  if (Array.isArray(header)) return { problems: [...data.problems, ...header], bundled: [] }
  const problems = [...data.problems, ...header.problems]
  if (header.problems.length > 0) return { problems, bundled: [] }
  let spec: Spec = {
    kind: header.kind,
    version: header.version,
    serialization: data.serialization,
    document: data.value,
  }
  let conversion: ConversionReport | undefined
  if (!isSupportedSpecVersion(spec.kind, spec.version)) {
    if (!isConvertibleSpecVersion(spec)) {
      return {
        problems: [...problems, unsupportedVersionProblem(spec.kind, spec.version, path, data.sourceMap)],
        bundled: [],
      }
    }
    const converted = convertSpec(spec, { path, sourceMap: data.sourceMap })
    if (converted.spec === undefined) return { problems: [...problems, ...converted.problems], bundled: [] }
    spec = converted.spec
    conversion = converted.report
    problems.push(
      problem({
        severity: 'info',
        ...specRules.importConverted,
        message: `Converted ${spec.kind === 'openapi' ? 'Swagger' : 'AsyncAPI'} ${conversion.from} to ${spec.kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} ${conversion.to}: ${conversion.notes.join('; ')}.`,
        hint: 'Review the converted document; the original file is not changed.',
        file: path,
      }),
    )
  }
  const sourceMap = conversion === undefined ? data.sourceMap : undefined
  // Scanning the text is ~10× cheaper than walking a large document; only a possible external ref walks it.
  const bundle = !mayHaveExternalRefs(text)
    ? { document: spec.document, bundled: [], problems: [] }
    : bundleExternalRefs(spec.document, {
        path,
        kind: spec.kind,
        serialization: spec.serialization,
        sourceMap,
        readFile: resolveExternal ?? (() => undefined),
      })
  problems.push(...bundle.problems)
  if (bundle.bundled.length > 0) {
    const filesBundled = [...new Set(bundle.bundled.map((b) => b.file))]
    problems.push(
      problem({
        severity: 'info',
        ...specRules.importBundled,
        message: `Bundled ${bundle.bundled.length} external $ref(s) from ${filesBundled.join(', ')} into this document's components.`,
        hint: 'The project keeps the one bundled file; the referenced files are no longer needed by it.',
        file: path,
      }),
    )
  }
  const result: ImportSpecResult = { problems, bundled: bundle.bundled }
  if (conversion !== undefined) result.conversion = conversion
  if (problems.some((p) => p.severity === 'error')) return result
  result.spec = { ...spec, document: bundle.document }
  if (conversion === undefined && bundle.bundled.length === 0) {
    if (sourceMap !== undefined) result.sourceMap = sourceMap
    result.sourceMapOf = 'original'
  } else {
    const printed = parseDataText({ path, text: printSpec(result.spec) }).sourceMap
    if (printed !== undefined) result.sourceMap = printed
    result.sourceMapOf = 'printed'
  }
  return result
}
