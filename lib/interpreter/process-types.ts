/**
 * The format types the interpreter reads: the generated types of schemas/*.schema.json (via lib/formats/types),
 * plus a few names derived from them for the interpreter's own use. Types only: nothing of lib/formats is bundled.
 */
import type { DbOperation, DbTransaction, EdgeList, Filter, HttpNode, NodeMap } from '../formats/types'

export type {
  CallProcessNode,
  CatchRoute,
  Column,
  ColumnValues,
  ComputeNode,
  ConditionNode,
  DatabaseFile,
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
  DeliveryRetry,
  Duration,
  Edge,
  Expression,
  FailNode,
  ForEachNode,
  HttpNode,
  JsonSchema,
  Node,
  NodeKind,
  ProcessFile,
  QueueFile,
  QueuePublishNode,
  Retrier,
  ReturnNode,
  ScheduleTrigger,
  SecretRef,
  Table,
  TransformNode,
  Trigger,
  WaitNode,
} from '../formats/types'

/** A node graph: a process's, or a for-each body's. */
export type Graph = { entry: string; nodes: NodeMap; edges: EdgeList }
export type DbSingleOperation = Exclude<DbOperation, DbTransaction>
export type FilterCondition = Filter[number]
export type HttpResponseDeclaration = HttpNode['responses'][number]
