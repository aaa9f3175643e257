// The one place lib/doc touches lib/formats: parsing and printing of files. Everything else in lib/doc works on
// plain JSON values and Yjs types, so a change of printer or parser lands here only.
import { printCanonicalJson } from '../formats/canonical/print-canonical-json'
import { fmtFile } from '../formats/fmt/fmt-project'
import { parseSpecText } from '../formats/spec/parse-spec-text'
import { printSpec } from '../formats/spec/print-spec'
import type { Problem } from '../problems'
import type { JsonValue } from './json-value'

export type OurFormat = 'manifest' | 'process' | 'database' | 'queue' | 'canvas'
export type SpecSerialization = 'json' | 'yaml'
export type ParsedSpec = { serialization: SpecSerialization; document: JsonValue }

/** Our JSON in canonical bytes (DESIGN §4): schema key order, sorted maps and sets, embedded schemas verbatim. */
export function printOurJson(format: OurFormat, value: JsonValue): string {
  return printCanonicalJson(format, value)
}

/** A spec file parsed with the author's key order, and the problems import reports (syntax, YAML comments…). */
export function parseSpecFile(path: string, text: string): { spec?: ParsedSpec; problems: Problem[] } {
  const parsed = parseSpecText({ path, text })
  if (!parsed.spec) return { problems: parsed.problems }
  return {
    spec: { serialization: parsed.spec.serialization, document: parsed.spec.document as JsonValue },
    problems: parsed.problems,
  }
}

/** A spec printed in its own serialization with its key order: fmt of a spec file. */
export function printSpecFile(spec: ParsedSpec): string {
  return printSpec(spec)
}

/**
 * fmt of one file (lib/formats fmtFile): our JSON upgraded and printed canonically, a spec under apis/ re-printed;
 * `text` is undefined when fmt leaves the file as it is (not ours, does not parse, unknown format version).
 */
export function fmtOneFile(path: string, text: string): { text?: string; problems: Problem[] } {
  return fmtFile(path, text)
}

/** Spec files fmt re-prints: under apis/, JSON or YAML by name. Others are kept as they are. */
export function isSpecPath(path: string): boolean {
  return path.startsWith('apis/') && /\.(json|ya?ml)$/i.test(path)
}
