import type { DefinitionBundle, NodeState, QueueFile, RunError, RunStatus } from '../interpreter'

/** Input of `interpretProcess`: the one workflow type every run uses (started by this type name). */
export type InterpretProcessArgs = {
  bundle: DefinitionBundle
  input: unknown
  /** Seed of the run's random source (retry jitter); the run id when absent. */
  seed?: number | string
  /** Why this run exists: a run request, a schedule, a queue delivery (with its message id), a parent run. */
  origin?: RunOrigin
}

export type RunOrigin =
  | { kind: 'request' }
  | { kind: 'schedule'; scheduleId: string }
  | { kind: 'delivery'; messageId: string; queue: string; replayOf?: string }
  | { kind: 'child'; parentRunId: string; node: string }

export const INTERPRET_PROCESS = 'interpretProcess'
export const DELIVER_MESSAGE = 'deliverMessage'
export const NODE_STATES_QUERY = 'nodeStates'

/** Everything the trace writer stores when a run ends (DESIGN §6: one activity at the end, and on failure). */
export type RunTrace = {
  runId: string
  temporalRunId: string
  pin: DefinitionBundle['pin']
  processId: string
  processName: string
  status: RunStatus | 'cancelled'
  input: unknown
  output?: unknown
  error?: RunError
  nodes: Record<string, NodeState>
  startedAt: string
  endedAt: string
  origin: RunOrigin
}

/** One message on its way to one consumer process (DESIGN §4 fan-out: one per declared consumer). */
export type Delivery = {
  /** Workflow id of the delivery: `delivery/<messageId>/<consumer>` (a replay adds `/replay-<n>`). */
  deliveryId: string
  /** The publishing commit's definitions with `process` = the consumer (a replay: the deployed consumer). */
  bundle: DefinitionBundle
  queue: QueueFile
  consumer: string
  message: unknown
  messageId: string
  /** Dead letter id when this delivery is a replay of one. */
  replayOf?: string
}

export type DeliveryAttempt = { attempt: number; executionId: string; error: RunError; at: string }

export type DeliveryResult = { status: 'delivered' | 'dead-lettered'; attempts: number }

export const CONSUMER_GATE = 'consumerGate'
export const ENQUEUE_SIGNAL = 'enqueue'

/** One gate workflow per (project, environment, queue, consumer) holds the consumer's concurrency limit. */
export function gateId(pin: DefinitionBundle['pin'], queue: string, consumer: string): string {
  return `gate/${pin.projectId}/${pin.environment}/${queue}/${consumer}`
}
