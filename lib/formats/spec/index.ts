export type { BundledRef, BundleOptions, BundleResult } from './bundle-external-refs'
export { bundleExternalRefs } from './bundle-external-refs'
export type { ConversionReport, ConvertSpecResult } from './convert-spec'
export { convertSpec, isConvertibleSpecVersion } from './convert-spec'
export type { ImportSpecInput, ImportSpecResult } from './import-spec-text'
export { importSpecText } from './import-spec-text'
export type {
  AsyncApiChannelIndex,
  AsyncApiIndex,
  AsyncApiMessageIndex,
  AsyncApiMessageRef,
  AsyncApiOperationIndex,
  HttpMethod,
  NamedPointer,
  OpenApiIndex,
  OpenApiOperationIndex,
  OpenApiParameterIndex,
  OpenApiRequestBodyIndex,
  OpenApiResponseIndex,
  SpecIndex,
} from './index-spec'
export { httpMethods, indexSpec } from './index-spec'
export {
  escapePointerSegment,
  getAtPointer,
  pointerFromSegments,
  segmentsFromPointer,
} from './json-pointer'
export type { ParseDataResult } from './parse-data-text'
export { detectSerialization, parseDataText } from './parse-data-text'
export { parseSpecText } from './parse-spec-text'
export { printSpec, specYamlOptions } from './print-spec'
export type { ParseSpecResult, Spec, SpecKind, SpecSerialization } from './spec'
export { isSupportedSpecVersion } from './spec'
export type { SpecRef } from './spec-refs'
export { collectRefs, derefInternal, resolveInternalRef } from './spec-refs'
export { asyncapiSpectralRule, specRules } from './spec-rules'
export type { SourcePosition, SpecSourceMap } from './spec-source-map'
export { locatePointer } from './spec-source-map'
export { firstSpecDifference, specsEqualWithKeyOrder } from './specs-equal-with-key-order'
export type { ValidateSpecOptions } from './validate-spec'
export { validateSpec } from './validate-spec'
