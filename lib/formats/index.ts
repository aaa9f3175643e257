export { embeddedSchemaPointers, orderSensitivePointers } from './canonical/embedded-schemas'
export type { MapOrder, SetOrder } from './canonical/order-rules'
export { mapOrder, setArrays } from './canonical/order-rules'
export { printCanonicalJson, printPlainJson } from './canonical/print-canonical-json'
export type { SchemaLocation, Shape } from './canonical/schema-shape'
export { shapeOf } from './canonical/schema-shape'
export { canvasUpgrades, upgradeCanvas } from './canvas/upgrade-canvas'
export { databaseUpgrades, upgradeDatabase } from './database/upgrade-database'
export type { FmtResult } from './fmt/fmt-project'
export { checkFmt, fmtFile, fmtProject } from './fmt/fmt-project'
export { fileIdentity, jcs, projectIdentity } from './identity/file-identity'
export { blobSha256 } from './identity/sha256'
export type { ElementIdPrefix } from './ids/new-id'
export { elementIdPrefix, idRandomLength, isId, newId } from './ids/new-id'
export { slugify, suggestNodeId } from './ids/suggest-node-id'
export { manifestUpgrades, upgradeManifest } from './manifest/upgrade-manifest'
export type { ParseOurJsonResult } from './parse-our-json'
export { parseOurJson } from './parse-our-json'
export { escapeSegment, isPlainObject, joinPointer, splitPointer, valueAt } from './pointer'
export type { NodeClass, NodeKindInfo } from './process/node-kinds'
export { nodeKinds } from './process/node-kinds'
export { processUpgrades, upgradeProcess } from './process/upgrade-process'
export type { InvalidFile, ParsedApi, ParsedFile, ParsedProject } from './project/read-project'
export { readProject } from './project/read-project'
export { queueUpgrades, upgradeQueue } from './queue/upgrade-queue'
export type { FormatKind, SchemaDocument } from './schemas'
export { currentVersion, formatKinds, formatName, formatTag, schemaFileOf, schemaFiles } from './schemas'
export type { SourceLocation, SourceMap } from './source-map'
export { lineIndex } from './source-map'
export type {
  ApiId,
  ApiOperationTrigger,
  ApiSurface,
  Box,
  CallProcessNode,
  CanvasFile,
  CanvasLayout,
  CatchRoute,
  Column,
  ColumnValues,
  ComputeNode,
  ConditionNode,
  Connection,
  Constraint,
  DatabaseFile,
  DatabaseId,
  DatabaseNode,
  DbAggregate,
  DbDelete,
  DbFind,
  DbGet,
  DbInsert,
  DbOperation,
  DbOperationName,
  DbTransaction,
  DbUpdate,
  DbUpsert,
  DeadLetter,
  Delivery,
  DeliveryRetry,
  Description,
  Duration,
  Edge,
  EdgeList,
  ErrorDeclaration,
  ErrorMatcher,
  ErrorName,
  Execution,
  Expression,
  FailNode,
  Filter,
  ForEachNode,
  GroupId,
  HttpNode,
  JsonSchema,
  Label,
  ManifestFile,
  ManualTrigger,
  Name,
  Node,
  NodeId,
  NodeKind,
  NodeMap,
  OperationRef,
  Outputs,
  ProcessFile,
  ProcessId,
  ProjectId,
  QueueFile,
  QueueId,
  QueuePublishNode,
  QueueTrigger,
  RequestPart,
  Retrier,
  ReturnNode,
  ScheduleTrigger,
  SecretRef,
  Semantics,
  StatusCode,
  Table,
  TransformNode,
  Trigger,
  TriggerKind,
  WaitNode,
} from './types'
export type { UpgradeResult, UpgradeSteps } from './upgrade-steps'
export { runUpgrades } from './upgrade-steps'
export { readablePath } from './validate/explain-ajv-errors'
export { expectedPaths, formatKindOfPath, pathOfFormat } from './validate/format-paths'
export type {
  ValidateFormatFileOptions,
  ValidateFormatFileResult,
  ValidateFormatValueOptions,
} from './validate/validate-format-file'
export { validateFormatFile, validateFormatValue, validateParsedFormatFile } from './validate/validate-format-file'
