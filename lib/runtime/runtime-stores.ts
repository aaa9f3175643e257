import type { Db } from '../db'
import { newId } from '../db'
import type { RunPin } from '../interpreter'
import { environmentPolicy, readDatabaseUrl, readSecret } from './secrets'
import { deadLetters, executions, executionTraces } from './tables'

/** The trace of an ended run, as the worker's trace writer hands it over (see server/worker/workflows). */
export type TraceRecord = {
  runId: string
  temporalRunId: string
  pin: RunPin
  processId: string
  processName: string
  status: 'running' | 'succeeded' | 'failed' | 'cancelled'
  input: unknown
  output?: unknown
  error?: unknown
  nodes: unknown
  startedAt: string
  endedAt: string
  origin: unknown
}

export type DeadLetterRecord = {
  delivery: { messageId: string; consumer: string; message: unknown; queue: { name: string }; bundle: { pin: RunPin } }
  attempts: { attempt: number; executionId: string; error: unknown; at: string }[]
}

/**
 * Completes the execution row of an ended run (created here when the run did not come through `startRun`:
 * schedules, deliveries, children) and stores its trace — in one transaction, idempotent on the run id.
 */
export async function recordTrace(db: Db, trace: TraceRecord): Promise<void> {
  const started = new Date(trace.startedAt)
  const ended = new Date(trace.endedAt)
  const row = {
    id: trace.runId,
    projectId: trace.pin.projectId,
    environment: trace.pin.environment,
    commitId: trace.pin.commitId,
    processId: trace.processId,
    processName: trace.processName,
    status: trace.status,
    input: trace.input ?? null,
    output: trace.output ?? null,
    error: trace.error ?? null,
    origin: trace.origin,
    temporalRunId: trace.temporalRunId,
    startedAt: started,
    endedAt: ended,
    durationMs: Math.max(0, ended.getTime() - started.getTime()),
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(executions)
      .values(row)
      .onConflictDoUpdate({
        target: executions.id,
        set: {
          status: row.status,
          output: row.output,
          error: row.error,
          temporalRunId: row.temporalRunId,
          endedAt: row.endedAt,
          durationMs: row.durationMs,
        },
      })
    await tx
      .insert(executionTraces)
      .values({ executionId: trace.runId, nodes: trace.nodes ?? {} })
      .onConflictDoUpdate({ target: executionTraces.executionId, set: { nodes: trace.nodes ?? {} } })
  })
}

/** Stores an exhausted delivery: message, consumer, last error, attempt history. */
export async function recordDeadLetter(db: Db, record: DeadLetterRecord): Promise<string> {
  const { delivery, attempts } = record
  const id = newId('dlq')
  const last = attempts[attempts.length - 1]
  await db.insert(deadLetters).values({
    id,
    projectId: delivery.bundle.pin.projectId,
    environment: delivery.bundle.pin.environment,
    queue: delivery.queue.name,
    consumer: delivery.consumer,
    messageId: delivery.messageId,
    message: delivery.message ?? null,
    commitId: delivery.bundle.pin.commitId,
    lastError: last?.error ?? null,
    attempts,
    status: 'dead',
  })
  return id
}

/** The worker's view of bindings, secrets and policies, read from Backplane's own database. */
export function createRuntimeResolvers(db: Db, key: Uint8Array) {
  const scope = (pin: RunPin) => ({ projectId: pin.projectId, environment: pin.environment })
  return {
    databaseUrl: (pin: RunPin, database: string) => readDatabaseUrl(db, key, scope(pin), database),
    secret: (pin: RunPin, name: string) => readSecret(db, key, scope(pin), name),
    environment: (pin: RunPin) => environmentPolicy(db, scope(pin)),
    recordTrace: (trace: TraceRecord) => recordTrace(db, trace),
    recordDeadLetter: async (delivery: DeadLetterRecord['delivery'], attempts: DeadLetterRecord['attempts']) => {
      await recordDeadLetter(db, { delivery, attempts })
    },
  }
}
