import { stringify } from 'yaml'
import type { Spec } from './spec'

/**
 * The stable YAML style of a printed spec: 2-space indent, block style, sequences indented under their key, no
 * line folding (a long description stays one line, so a one-word edit is a one-line diff), never anchors/aliases
 * (a value used twice is written twice, as in JSON), double quotes only where a plain scalar would change meaning.
 */
export const specYamlOptions = {
  version: '1.2',
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  defaultKeyType: null,
  defaultStringType: 'PLAIN',
  singleQuote: false,
  doubleQuotedAsJSON: false,
  nullStr: 'null',
  trueStr: 'true',
  falseStr: 'false',
} as const

/**
 * Writes a spec back in its own serialization, keeping key order: JSON as `JSON.stringify(doc, null, 2)` plus LF;
 * YAML with `specYamlOptions` (ends with one LF). This is the canonical form ("fmt") of a spec file:
 * fmt(text) = printSpec(parseSpecText(text).spec). It is idempotent, and parse(print(doc)) equals doc with the
 * same key order at every level. Pure.
 */
export function printSpec(spec: Pick<Spec, 'serialization' | 'document'>): string {
  if (spec.serialization === 'json') return `${JSON.stringify(spec.document, null, 2)}\n`
  return stringify(spec.document, specYamlOptions)
}
