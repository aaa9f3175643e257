import type { Problem } from '../../problems'
import type { SpecSourceMap } from './spec-source-map'

export type SpecKind = 'openapi' | 'asyncapi'
export type SpecSerialization = 'json' | 'yaml'

/**
 * One API spec file, parsed. `document` is the plain JSON value of the file, with the author's key order
 * (except that integer-like keys such as "200" come first in ascending order: a property of JS objects, applied
 * identically by every parse, so it is part of the canonical form). `version` is the `openapi`/`asyncapi` field
 * as written, or '2.0' for Swagger.
 */
export type Spec = {
  kind: SpecKind
  version: string
  serialization: SpecSerialization
  document: unknown
}

export type ParseSpecResult = {
  /** Absent when the text is not a parseable OpenAPI/AsyncAPI document. */
  spec?: Spec
  /** Present whenever the text parsed; needed by validateSpec to locate problems. */
  sourceMap?: SpecSourceMap
  problems: Problem[]
}

/** Versions Backplane stores as they are. Others are converted on import (importSpecText) or refused. */
export function isSupportedSpecVersion(kind: SpecKind, version: string): boolean {
  return kind === 'openapi' ? /^3\.[012]\.\d+$/.test(version) : /^3\.[01]\.\d+$/.test(version)
}
