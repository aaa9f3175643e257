import { Context } from '@temporalio/activity'
import type { Client } from '@temporalio/client'
import postgres from 'postgres'
import type { ActivityRequest, DefinitionBundle, RunPin } from '../../../lib/interpreter'
import { enqueueDelivery } from '../../../lib/runtime/enqueue-delivery'
import type { Delivery, DeliveryAttempt, RunTrace } from '../workflows/workflow-types'
import { type DatabaseHooks, IDEMPOTENCY_DDL, runDatabaseOperation } from './database-activity'
import { runHttpRequest } from './http-activity'
import { nodeFailure } from './node-failure'

/** What the activities need from the outside: bindings, secrets, environment policy, stores, the Temporal client. */
export type RuntimeDeps = {
  /** URL of the PostgreSQL the environment binds a SQL block to (undefined: not bound). */
  databaseUrl(pin: RunPin, database: string): Promise<string | undefined>
  secret(pin: RunPin, name: string): Promise<string | undefined>
  environment(pin: RunPin): Promise<{ allowPrivateNetwork: boolean }>
  /** Stores the trace of an ended run (and completes its execution row). */
  recordTrace(trace: RunTrace): Promise<void>
  recordDeadLetter(delivery: Delivery, attempts: DeliveryAttempt[]): Promise<void>
  client: Client
  taskQueue: string
  hooks?: DatabaseHooks
}

export type NodeActivityInput = {
  pin: RunPin
  runId: string
  node: string
  request: ActivityRequest
  bundle?: DefinitionBundle | undefined
}

export type PublishInput = { bundle: DefinitionBundle; queue: string; message: unknown; messageId: string }

/**
 * The worker's activities, built around their dependencies (Temporal's dependency-injection pattern). Pools to
 * bound databases are opened on first use and kept; `close()` ends them.
 */
export function createRuntimeActivities(deps: RuntimeDeps) {
  const pools = new Map<string, { sql: postgres.Sql; ready: Promise<unknown> }>()

  const pool = async (pin: RunPin, database: string) => {
    const url = await deps.databaseUrl(pin, database)
    if (!url) throw nodeFailure('unsupported', `database ${database} has no binding in ${pin.environment}`)
    let entry = pools.get(url)
    if (!entry) {
      const sql = postgres(url, { max: 5, onnotice: () => {}, connection: { application_name: 'backplane-worker' } })
      entry = { sql, ready: sql.unsafe(IDEMPOTENCY_DDL).catch(() => undefined) }
      pools.set(url, entry)
    }
    await entry.ready
    return entry.sql
  }

  const publishMessage = async (input: PublishInput): Promise<{ messageId: string }> => {
    const block = input.bundle.queues[input.queue]
    if (!block) throw nodeFailure('unsupported', `queue ${input.queue} is not in the run's definitions`)
    for (const consumer of Object.keys(block.consumers).sort()) {
      const process = input.bundle.processes[consumer]
      if (!process)
        throw nodeFailure('unsupported', `consumer ${consumer} of ${input.queue} is not a process of this commit`)
      const delivery: Delivery = {
        deliveryId: `delivery/${input.messageId}/${consumer}`,
        bundle: { ...input.bundle, process },
        queue: block,
        consumer,
        message: input.message,
        messageId: input.messageId,
      }
      await enqueue(delivery)
    }
    return { messageId: input.messageId }
  }

  const enqueue = (delivery: Delivery) => enqueueDelivery(deps.client, deps.taskQueue, delivery)

  const activities = {
    /** One attempt of a side-effecting node (database, http, queue-publish). */
    async runNodeActivity(input: NodeActivityInput): Promise<unknown> {
      const { request, pin } = input
      switch (request.kind) {
        case 'database':
          return runDatabaseOperation(await pool(pin, request.database), request, deps.hooks)
        case 'http': {
          const timeoutMs = Context.current().info.startToCloseTimeoutMs
          return runHttpRequest(deps, pin, request, timeoutMs)
        }
        case 'queue-publish': {
          if (!input.bundle) throw nodeFailure('unsupported', 'a publish needs the run definitions')
          return publishMessage({
            bundle: input.bundle,
            queue: request.queue,
            message: request.message,
            messageId: request.messageId,
          })
        }
      }
    },
    async writeTrace(trace: RunTrace): Promise<void> {
      await deps.recordTrace(trace)
    },
    async recordDeadLetter(input: { delivery: Delivery; attempts: DeliveryAttempt[] }): Promise<void> {
      await deps.recordDeadLetter(input.delivery, input.attempts)
    },
    publishMessage,
  }
  return { activities, enqueue, close: () => Promise.all([...pools.values()].map((p) => p.sql.end({ timeout: 5 }))) }
}

export type RuntimeActivities = ReturnType<typeof createRuntimeActivities>['activities']
