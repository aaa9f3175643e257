import { type Problem, problem } from '../../problems'
import type { Spec } from './spec'
import { collectRefs, isInternalRef, resolveInternalRef, type SpecRef } from './spec-refs'
import { specRules } from './spec-rules'
import { locatePointer, type SpecSourceMap } from './spec-source-map'

/**
 * Internal refs that name nothing, and external refs left in a stored spec (they are bundled on import, so a
 * project never depends on another file or the network). Scalar misses dangling refs whose parent exists, so
 * this runs for OpenAPI as well as AsyncAPI. Returns the refs too, so callers walk the document once.
 */
export function checkRefs(
  spec: Spec,
  options: { path?: string; sourceMap?: SpecSourceMap | undefined },
): { refs: SpecRef[]; problems: Problem[] } {
  const refs = collectRefs(spec.document, { mayShare: spec.serialization === 'yaml' })
  const problems: Problem[] = []
  // Large specs repeat the same few hundred refs thousands of times: resolve each distinct one once.
  const resolved = new Map<string, boolean>()
  for (const { pointer, ref } of refs) {
    // Located only when there is a problem: the first lookup in a JSON source map builds its syntax tree
    // (≈ 1.4 s on a 13 MB document), which a document with sound refs never needs.
    const located = () => {
      const at = `${pointer}/$ref`
      return {
        pointer: at,
        ...(options.path !== undefined ? { file: options.path } : {}),
        ...(options.sourceMap ? locatePointer(options.sourceMap, at) : {}),
      }
    }
    if (!isInternalRef(ref)) {
      problems.push(
        problem({
          severity: 'error',
          ...specRules.refExternal,
          message: `External $ref "${ref}": a project's spec must be one self-contained file.`,
          hint: 'Re-import the spec with `backplane add-api`, which bundles external refs into components, or inline the referenced content.',
          ...located(),
        }),
      )
    } else if (
      !(resolved.get(ref) ?? resolved.set(ref, resolveInternalRef(spec.document, ref) !== undefined).get(ref))
    ) {
      problems.push(
        problem({
          severity: 'error',
          ...(spec.kind === 'openapi' ? specRules.openapiRef : specRules.refMissingTarget),
          message: `$ref "${ref}" points to nothing in this document.`,
          hint: 'Fix the pointer (names are case-sensitive; "/" in a name is written "~1") or add the missing component.',
          ...located(),
        }),
      )
    }
  }
  return { refs, problems }
}
