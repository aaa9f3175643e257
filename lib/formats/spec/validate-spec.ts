import type { Problem } from '../../problems'
import { checkRefs } from './check-refs'
import type { SpecIndex } from './index-spec'
import { unsupportedVersionProblem } from './parse-spec-text'
import { isSupportedSpecVersion, type Spec } from './spec'
import type { SpecSourceMap } from './spec-source-map'
import { validateAsyncApi } from './validate-asyncapi'
import { validateOpenApi } from './validate-openapi'

export type ValidateSpecOptions = {
  /** File name for Problem.file, as the user knows it ('apis/orders.openapi.yaml'). */
  path?: string
  /** From parseSpecText; without it problems carry pointers but no line:column. */
  sourceMap?: SpecSourceMap | undefined
  /**
   * indexSpec(spec) when the caller has it already (lib/validation does): the path-parameter check reads its
   * operations instead of indexing the document a second time. Must be the index of this very document.
   */
  index?: SpecIndex | undefined
}

/**
 * Validates a spec against its specification: OpenAPI 3.0/3.1/3.2 with @scalar/openapi-parser, AsyncAPI 3.0/3.1
 * with @asyncapi/parser (loaded on first use), plus dangling and external `$ref`s for both. Every problem has
 * file, pointer, line:column (given a source map), rule and hint. Unsupported versions get one refusal.
 * Costly on large documents (≈ 1.3 s for 13 MB; ≥ 0.2 s for any): run it off the main thread, after a pause in
 * typing. Never throws for any document; does not mutate it.
 */
export async function validateSpec(spec: Spec, options: ValidateSpecOptions = {}): Promise<Problem[]> {
  if (!isSupportedSpecVersion(spec.kind, spec.version)) {
    return [unsupportedVersionProblem(spec.kind, spec.version, options.path ?? '<spec>', options.sourceMap)]
  }
  const { refs, problems } = checkRefs(spec, options)
  const rest =
    spec.kind === 'openapi' ? await validateOpenApi(spec, options, refs) : await validateAsyncApi(spec, options)
  if (spec.kind === 'openapi') return [...problems, ...rest]
  // Spectral reports dangling refs too (invalid-ref); keep ours, which say where the ref is.
  const ours = new Set(problems.map((p) => p.pointer))
  return [...problems, ...rest.filter((p) => !(p.rule === 'asyncapi.spectral.invalid-ref' && ours.has(p.pointer)))]
}
