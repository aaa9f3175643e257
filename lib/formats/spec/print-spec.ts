import { Document, isScalar, visit } from 'yaml'
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
 * Strings a YAML 1.1 reader (SnakeYAML, PyYAML and many OpenAPI tools) would not read as strings when plain:
 * booleans (yes/no/on/off/y/n), merge and value keys, base-2/8/60 and underscored numbers, timestamps. YAML 1.2
 * prints them plain; we quote them so the file means the same to every tool.
 */
const yaml11NonString =
  /^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|<<|=|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$/

/**
 * Writes a spec back in its own serialization, keeping key order: JSON as `JSON.stringify(doc, null, 2)` plus LF;
 * YAML with `specYamlOptions` (ends with one LF), strings YAML 1.1 would misread double-quoted. This is the
 * canonical form ("fmt") of a spec file: fmt(text) = printSpec(parseSpecText(text).spec). It is idempotent, and
 * parse(print(doc)) equals doc with the same key order at every level. Pure.
 */
export function printSpec(spec: Pick<Spec, 'serialization' | 'document'>): string {
  if (spec.serialization === 'json') return `${JSON.stringify(spec.document, null, 2)}\n`
  const doc = new Document(spec.document, specYamlOptions)
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && yaml11NonString.test(node.value)) {
        node.type = 'QUOTE_DOUBLE'
      }
    },
  })
  return doc.toString(specYamlOptions)
}
