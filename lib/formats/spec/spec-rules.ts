/**
 * The catalogue of rule ids (Problem.rule) and codes (Problem.code) this folder reports. `code` is the class of
 * problem a caller can switch on; `rule` is the precise rule, stable and documented.
 * Validator rules from the parsers are namespaced: `openapi.schema`, `openapi.ref`,
 * `asyncapi.spectral.<spectral rule>` (e.g. `asyncapi.spectral.asyncapi-document-resolved`).
 */
export const specRules = {
  syntax: { code: 'spec-syntax', rule: 'spec.syntax' },
  notAnObject: { code: 'spec-syntax', rule: 'spec.not-an-object' },
  multipleDocuments: { code: 'spec-syntax', rule: 'spec.yaml.single-document' },
  yamlComments: { code: 'spec-yaml-comments', rule: 'spec.yaml.comments' },
  kindUnknown: { code: 'spec-kind-unknown', rule: 'spec.kind' },
  versionType: { code: 'spec-version', rule: 'spec.version.type' },
  versionUnsupported: { code: 'spec-version', rule: 'spec.version.unsupported' },
  conversionFailed: { code: 'spec-conversion', rule: 'spec.conversion.failed' },
  refExternal: { code: 'spec-ref', rule: 'spec.ref.external' },
  refRemote: { code: 'spec-ref', rule: 'spec.ref.remote' },
  refMissingFile: { code: 'spec-ref', rule: 'spec.ref.missing-file' },
  refMissingTarget: { code: 'spec-ref', rule: 'spec.ref.missing-target' },
  refInvalid: { code: 'spec-ref', rule: 'spec.ref.invalid' },
  importConverted: { code: 'spec-import', rule: 'spec.import.converted' },
  importBundled: { code: 'spec-import', rule: 'spec.import.bundled' },
  openapiSchema: { code: 'spec-invalid', rule: 'openapi.schema' },
  openapiRef: { code: 'spec-ref', rule: 'openapi.ref' },
  openapiPathParameter: { code: 'spec-invalid', rule: 'openapi.path-parameter' },
  openapiValidator: { code: 'spec-invalid', rule: 'openapi.validator' },
  asyncapiValidator: { code: 'spec-invalid', rule: 'asyncapi.validator' },
} as const

export function asyncapiSpectralRule(spectralCode: string | number): string {
  return `asyncapi.spectral.${String(spectralCode)}`
}
