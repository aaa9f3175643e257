import type {
  DatabaseFile,
  DbOperation,
  HttpResponseDeclaration,
  ProcessFile,
  QueueFile,
  SecretRef,
} from './process-types'

/**
 * Everything one run needs, by name: the process, the processes it may call (call-process children run on the same
 * bundle: the caller's commit), the database and queue blocks it uses, and where it is pinned.
 */
export type DefinitionBundle = {
  process: ProcessFile
  processes: Record<string, ProcessFile>
  databases: Record<string, DatabaseFile>
  queues: Record<string, QueueFile>
  pin: RunPin
}

/** DESIGN §3/§6: a run pins its project, commit (or draft snapshot), process and environment. */
export type RunPin = {
  projectId: string
  commitId: string
  environment: string
  /** sha256 identity of the process file, when known. */
  processIdentity?: string
}

/** Deterministic facts about a run, supplied by the shell (the workflow id, its start time, a seed). */
export type RunInfo = { id: string; startedAt: string; seed: number | string }

/**
 * A typed node failure. `name` is what retriers and catch routes match: timeout, network, status.<code>, not-found,
 * conflict, constraint, output-mismatch, error.<Name> (a callee's declared error), or expression / input-mismatch /
 * no-return / unsupported (never retryable in practice: only '*' matches them).
 */
export type NodeError = { name: string; message: string; details?: unknown }

/** How a run ended badly: a declared error (fail node, `declared: true`) or an uncaught node failure. */
export type RunError = NodeError & { declared: boolean; node?: string }

/** `caught`: failed and left through a catch port; `cancelled`: still running when the run ended. */
export type NodeStatus =
  | 'pending'
  | 'running'
  | 'retrying'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'caught'
  | 'skipped'
  | 'cancelled'

export type AttemptRecord = { attempt: number; error?: NodeError; retryDelayMs?: number }

/** One node's live state (the `nodeStates` query) and trace entry. Keyed by node path (`each[2].charge`). */
export type NodeState = {
  nodeId: string
  kind: string
  status: NodeStatus
  attempts: number
  input?: unknown
  output?: unknown
  error?: NodeError
  port?: string
  history: AttemptRecord[]
  /** Retries made so far per retrier index (Step Functions semantics: each retrier counts its own). */
  retries: number[]
}

export type EdgeStatus = 'taken' | 'dead'

/** For-each bookkeeping kept on the for-each node's frame entry. */
export type ForEachProgress = {
  items: unknown[]
  results: unknown[]
  next: number
  active: number
  done: number
}

/** One graph being walked: the root graph, or one for-each item's body. */
export type Frame = {
  id: string
  /** For-each node ids from the root down to this body ([] for the root graph). */
  graphPath: string[]
  parent?: { frameId: string; nodeId: string; index: number }
  item?: unknown
  edges: Record<string, EdgeStatus>
  /** Node ids of this frame that finished (succeeded, caught or skipped) or were started. */
  started: Record<string, true>
  outputs: Record<string, unknown>
  forEach: Record<string, ForEachProgress>
  finished: boolean
}

export type PendingCommand = {
  frameId: string
  nodeId: string
  purpose: 'attempt' | 'retry-delay' | 'wait'
}

export type RunStatus = 'running' | 'succeeded' | 'failed'

export type RunState = {
  version: 1
  run: RunInfo
  input: unknown
  status: RunStatus
  output?: unknown
  error?: RunError
  /** xorshift32 state of the run's seeded random source (retry jitter). */
  rng: number
  seq: number
  frames: Record<string, Frame>
  nodes: Record<string, NodeState>
  pending: Record<string, PendingCommand>
}

export type DatabaseRequest = {
  kind: 'database'
  database: string
  block: DatabaseFile
  /** The operation with every expression replaced by its value (`{ value }`). */
  operation: ResolvedDbOperation
  /** Same for every attempt of this node execution: the write is done at most once per key. */
  idempotencyKey: string
}
export type ResolvedValue = { value: unknown }
export type ResolvedDbOperation = ResolveExpressions<DbOperation>
type ResolveExpressions<T> = T extends { expr: string }
  ? ResolvedValue
  : T extends (infer U)[]
    ? ResolveExpressions<U>[]
    : T extends object
      ? { [K in keyof T]: ResolveExpressions<T[K]> }
      : T

export type HttpRequest = {
  kind: 'http'
  method: string
  url: string
  headers: Record<string, string | SecretRef>
  body?: unknown
  declared: HttpResponseDeclaration[]
}
export type QueuePublishRequest = {
  kind: 'queue-publish'
  queue: string
  block: QueueFile
  message: unknown
  /** Deterministic per node execution: consumers and the delivery workflows are keyed by it. */
  messageId: string
}
export type ActivityRequest = DatabaseRequest | HttpRequest | QueuePublishRequest

/** Plans: what the shell must do next. Pure nodes never appear here; they were evaluated inside the step. */
export type Command =
  | { type: 'call-activity'; id: string; node: string; request: ActivityRequest; timeoutMs: number; attempt: number }
  | {
      type: 'start-child'
      id: string
      node: string
      process: string
      input: unknown
      timeoutMs: number
      attempt: number
    }
  | { type: 'start-timer'; id: string; node: string; durationMs: number; reason: 'wait' | 'retry' }
  | { type: 'complete'; output: unknown }
  | { type: 'fail'; error: RunError }

export type HttpResponse = { status: number; headers: Record<string, string>; body: unknown }

/** What the shell reports back. */
export type RunEvent =
  | { type: 'start' }
  | { type: 'activity-completed'; id: string; result: unknown }
  | { type: 'activity-failed'; id: string; error: NodeError }
  | { type: 'child-completed'; id: string; output: unknown }
  | { type: 'child-failed'; id: string; error: RunError }
  | { type: 'timer-fired'; id: string }

export type StepResult = { state: RunState; plan: Command[] }
