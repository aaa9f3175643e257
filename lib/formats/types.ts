/**
 * The public names of our format types. Every type comes from lib/formats/generated (from schemas/); shared
 * definitions are taken from common.ts so each name has one source.
 */
export type {
  Box,
  CanvasFile,
  CanvasLayout,
} from './generated/canvas'
export type {
  ApiId,
  CatchRoute,
  DatabaseId,
  DeliveryRetry,
  Description,
  Duration,
  ErrorMatcher,
  ErrorName,
  Expression,
  GroupId,
  Name,
  NodeId,
  ProcessId,
  ProjectId,
  QueueId,
  Retrier,
  SecretRef,
} from './generated/common'
export type { Column, Connection, Constraint, DatabaseFile, Semantics, Table } from './generated/database'
export type { ApiSurface, ManifestFile } from './generated/manifest'
export type {
  ApiOperationTrigger,
  CallProcessNode,
  ColumnValues,
  ComputeNode,
  ConditionNode,
  DatabaseNode,
  DbAggregate,
  DbDelete,
  DbFind,
  DbGet,
  DbInsert,
  DbOperation,
  DbTransaction,
  DbUpdate,
  DbUpsert,
  Edge,
  EdgeList,
  ErrorDeclaration,
  Execution,
  FailNode,
  Filter,
  ForEachNode,
  HttpNode,
  Label,
  ManualTrigger,
  Node,
  NodeMap,
  OperationRef,
  Outputs,
  ProcessFile,
  QueuePublishNode,
  QueueTrigger,
  RequestPart,
  ReturnNode,
  ScheduleTrigger,
  StatusCode,
  TransformNode,
  Trigger,
  WaitNode,
} from './generated/process'
export type { DeadLetter, Delivery, QueueFile } from './generated/queue'
export type { JsonSchema } from './json-schema'

import type { Node, Trigger } from './generated/process'
/** The exact node kind strings (DESIGN §4). */
export type NodeKind = Node['kind']
export type TriggerKind = Trigger['kind']
export type DbOperationName = import('./generated/process').DbOperation['op']
