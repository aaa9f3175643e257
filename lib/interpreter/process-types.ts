/**
 * The slice of our formats the interpreter reads. Local stand-in for `lib/formats/generated/*` (same names, same
 * shapes as schemas/*.schema.json) until those generated types are committed; then this file re-exports them.
 */
export type JsonSchema = boolean | { [keyword: string]: unknown }
export type Expression = { expr: string }
export type SecretRef = { secret: string }
export type Duration = string

export type Retrier = {
  errors: string[]
  maxAttempts: number
  interval: Duration
  backoffRate: number
  maxDelay?: Duration
  jitter: 'none' | 'full'
}
export type CatchRoute = { port: string; errors: string[] }
export type DeliveryRetry = Omit<Retrier, 'errors'>

export type ComputeNode = {
  kind: 'compute'
  label: string
  description?: string
  expression: Expression
  output: JsonSchema
}
export type TransformNode = {
  kind: 'transform'
  label: string
  description?: string
  fields: Record<string, Expression>
  output: JsonSchema
}
export type ConditionNode = {
  kind: 'condition'
  label: string
  description?: string
  cases: { name: string; when: Expression }[]
  defaultPort: 'default' | 'false'
}
export type Graph = { entry: string; nodes: Record<string, Node>; edges: Edge[] }
export type ForEachNode = {
  kind: 'for-each'
  label: string
  description?: string
  items: Expression
  maxConcurrency: number
  body: Graph
  output: JsonSchema
}
export type FilterCondition = {
  column: string
  op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'like' | 'is-null' | 'not-null'
  value?: Expression
}
export type ColumnValues = Record<string, Expression>
export type DbGet = { op: 'get'; table: string; key: ColumnValues; select?: string[] }
export type DbFind = {
  op: 'find'
  table: string
  select?: string[]
  joins?: { table: string; type: 'inner' | 'left'; on: { left: string; right: string } }[]
  filter?: FilterCondition[]
  orderBy?: { column: string; direction: 'asc' | 'desc' }[]
  limit?: Expression
  offset?: Expression
}
export type DbInsert = { op: 'insert'; table: string; values: ColumnValues }
export type DbUpdate = { op: 'update'; table: string; filter: FilterCondition[]; set: ColumnValues }
export type DbUpsert = { op: 'upsert'; table: string; values: ColumnValues; conflict: string[] }
export type DbDelete = { op: 'delete'; table: string; filter: FilterCondition[] }
export type DbAggregate = {
  op: 'aggregate'
  table: string
  filter?: FilterCondition[]
  groupBy?: string[]
  aggregates: Record<string, { fn: 'count' | 'sum' | 'avg' | 'min' | 'max'; column?: string }>
}
export type DbSingleOperation = DbGet | DbFind | DbInsert | DbUpdate | DbUpsert | DbDelete | DbAggregate
export type DbTransaction = { op: 'transaction'; steps: { name: string; operation: DbSingleOperation }[] }
export type DbOperation = DbSingleOperation | DbTransaction

type SideEffecting = { timeout: Duration; retry?: Retrier[]; catch?: CatchRoute[] }
export type DatabaseNode = SideEffecting & {
  kind: 'database'
  label: string
  description?: string
  database: string
  operation: DbOperation
}
export type HttpResponseDeclaration = { status: string; output: boolean; schema: JsonSchema }
export type HttpNode = SideEffecting & {
  kind: 'http'
  label: string
  description?: string
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS'
  url: string
  params?: Record<string, Expression>
  query?: Record<string, Expression>
  headers?: Record<string, Expression | SecretRef>
  body?: Expression
  responses: HttpResponseDeclaration[]
}
export type QueuePublishNode = SideEffecting & {
  kind: 'queue-publish'
  label: string
  description?: string
  queue: string
  message: Expression
}
export type CallProcessNode = SideEffecting & {
  kind: 'call-process'
  label: string
  description?: string
  process: string
  input: Expression
}
export type WaitNode = { kind: 'wait'; label: string; description?: string; duration?: Duration; until?: Expression }
export type ReturnNode = { kind: 'return'; label: string; description?: string; value: Expression }
export type FailNode = { kind: 'fail'; label: string; description?: string; error: string; details: Expression }

export type Node =
  | ComputeNode
  | TransformNode
  | ConditionNode
  | ForEachNode
  | DatabaseNode
  | HttpNode
  | QueuePublishNode
  | CallProcessNode
  | WaitNode
  | ReturnNode
  | FailNode
export type NodeKind = Node['kind']
export type Edge = { from: string; port: string; to: string }

export type ScheduleTrigger = {
  kind: 'schedule'
  cron?: string
  interval?: Duration
  timeZone: string
  overlap: 'skip' | 'buffer-one' | 'buffer-all' | 'cancel-other' | 'terminate-other' | 'allow-all'
}
export type Trigger =
  | { kind: 'manual' }
  | { kind: 'api-operation'; api: string; operation: unknown; request: unknown; response: unknown; errors: unknown }
  | ScheduleTrigger
  | { kind: 'queue'; queue: string }

export type ProcessFile = {
  format: 'backplane.process/v1'
  id: string
  name: string
  type: 'calculation' | 'database-workflow' | 'background-job' | 'queue-consumer' | 'orchestrated-workflow'
  execution: {
    model: 'sync' | 'async' | 'scheduled' | 'event-driven'
    trigger: Trigger
    timeout: Duration
  }
  description: string
  inputs: JsonSchema
  outputs: { success: JsonSchema; errors: Record<string, { description: string; schema: JsonSchema }> }
  entry: string
  nodes: Record<string, Node>
  edges: Edge[]
}

export type Column = {
  type: 'text' | 'integer' | 'bigint' | 'numeric' | 'double' | 'boolean' | 'uuid' | 'date' | 'timestamptz' | 'jsonb'
  nullable: boolean
  default?: { kind: 'now' | 'random-uuid' } | { kind: 'value'; value: string | number | boolean }
  description?: string
}
export type Table = {
  description?: string
  columns: Record<string, Column>
  primaryKey: string[]
  indexes?: Record<string, { columns: string[]; unique: boolean }>
  constraints?: Record<string, unknown>
}
export type DatabaseFile = {
  format: 'backplane.database/v1'
  id: string
  name: string
  description: string
  type: 'sql' | 'nosql' | 'kv' | 'graph'
  capabilities: string[]
  semantics: { reads: string; writes: string; isolation: 'read-committed' | 'repeatable-read' | 'serializable' }
  connection: { scope: 'environment' | 'project'; poolSize: number }
  tables?: Record<string, Table>
  collections?: Record<string, JsonSchema>
}

export type QueueFile = {
  format: 'backplane.queue/v1'
  id: string
  name: string
  description: string
  message: JsonSchema
  producers: string[]
  consumers: Record<string, { concurrency: number }>
  delivery: { ordering: 'unordered'; mode: 'fan-out' }
  retry: DeliveryRetry
  deadLetter: { store: 'project'; forwardTo?: string }
}
