/** What part of the project a change is in. A closed set: const object + same-named type. */
export const ChangeArea = {
  manifest: 'manifest',
  api: 'api',
  process: 'process',
  database: 'database',
  queue: 'queue',
  canvas: 'canvas',
  file: 'file',
} as const
export type ChangeArea = (typeof ChangeArea)[keyof typeof ChangeArea]

export type ChangeKind = 'added' | 'removed' | 'changed'

/**
 * Why a change breaks consumers of an API (a client written against the old version fails against the new).
 * Request side: the server accepts less. Response and published-message side: consumers receive something else.
 */
export const BreakingReason = {
  apiRemoved: 'api-removed',
  operationRemoved: 'operation-removed',
  channelRemoved: 'channel-removed',
  channelAddressChanged: 'channel-address-changed',
  operationActionChanged: 'operation-action-changed',
  operationChannelChanged: 'operation-channel-changed',
  messageRemoved: 'message-removed',
  requiredParameterAdded: 'required-parameter-added',
  parameterBecameRequired: 'parameter-became-required',
  requestBodyAdded: 'required-request-body-added',
  requestBodyBecameRequired: 'request-body-became-required',
  requestMediaTypeRemoved: 'request-media-type-removed',
  requiredFieldAdded: 'required-field-added',
  fieldBecameRequired: 'field-became-required',
  typeNarrowed: 'type-narrowed',
  enumValueRemoved: 'enum-value-removed',
  constraintNarrowed: 'constraint-narrowed',
  additionalPropertiesForbidden: 'additional-properties-forbidden',
  responseStatusRemoved: 'response-status-removed',
  responseMediaTypeRemoved: 'response-media-type-removed',
  responseFieldRemoved: 'response-field-removed',
  responseFieldBecameOptional: 'response-field-became-optional',
  responseTypeChanged: 'response-type-changed',
  securityRequirementAdded: 'security-requirement-added',
  securitySchemeRemoved: 'security-scheme-removed',
  securitySchemeChanged: 'security-scheme-changed',
} as const
export type BreakingReason = (typeof BreakingReason)[keyof typeof BreakingReason]

/** One semantic change between two versions of a project. */
export interface Change {
  area: ChangeArea
  kind: ChangeKind
  /** Name of the API surface, process, database or queue (the new name; the old one for removals). */
  entity: string
  /** What changed, for people: 'operation POST /orders', 'node save', 'table orders column id'. */
  element: string
  /** The file the element is in (the new path; the old one for removals). */
  file: string
  /** JSON pointer of the element (or of the changed field) in that file. */
  pointer: string
  /** The changed field of the element, for field-level changes. */
  field?: string
  before?: unknown
  after?: unknown
  /** Present when the change breaks API consumers. */
  breaking?: BreakingReason
  /** One sentence, e.g. 'parameter query limit became required'. */
  message: string
}

export interface ProjectDiff {
  /** Ordered by file, then by where the element is in the file, then by pointer. */
  changes: Change[]
  /** How many changes break API consumers. */
  breaking: number
}
