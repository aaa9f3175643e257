import { importSpecText, printSpec, type SpecKind, type SpecSerialization, validateSpec } from '../../lib/formats/spec'
import type { Problem } from '../../lib/problems'

export type ImportedSpec = { kind: SpecKind; serialization: SpecSerialization; text: string }

/**
 * add-api's spec step: importSpecText (detect, convert Swagger 2.0 / AsyncAPI 2.x, bundle external $refs, warn
 * about YAML comments), then validateSpec on the result — a spec with errors is refused whole, so the project
 * never gains a surface that fails validation the moment it lands. The text written is printSpec's canonical form,
 * so the new file is `fmt --check` clean. Problems carry the user's own path; after a conversion they point into
 * the converted document (no line:column: it has no source text).
 */
export async function importSpecFile(input: {
  path: string
  text: string
  readRef: (relPath: string) => string | undefined
}): Promise<{ spec?: ImportedSpec; problems: Problem[] }> {
  const imported = importSpecText({ path: input.path, text: input.text, resolveExternal: input.readRef })
  if (imported.spec === undefined) return { problems: imported.problems }
  const validation = await validateSpec(imported.spec, { path: input.path, sourceMap: imported.sourceMap })
  const problems = [...imported.problems, ...validation]
  if (problems.some((p) => p.severity === 'error')) return { problems }
  return {
    spec: { kind: imported.spec.kind, serialization: imported.spec.serialization, text: printSpec(imported.spec) },
    problems,
  }
}
