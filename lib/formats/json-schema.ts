/**
 * An embedded JSON Schema (draft 2020-12) as it appears inside our files (process inputs/outputs, queue messages,
 * collection documents, HTTP response bodies). Kept as the author wrote it, key order included; validated against
 * the 2020-12 meta-schema by the format validators, not by this type.
 */
export type JsonSchema = boolean | { [keyword: string]: unknown }
