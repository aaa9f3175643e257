import type { Client } from '@temporalio/client'
import type { Db } from '../db'

/** What the runtime service functions need: Backplane's database, a Temporal client, the worker's task queue. */
export type RuntimeContext = {
  db: Db
  temporal: Client
  taskQueue: string
  /** AES-256-GCM key for secrets and bindings (configuration). */
  key: Uint8Array
}

/** Expected failures of service calls (routes map `code` to an HTTP status through one table). */
export type RuntimeFailure = {
  code:
    | 'not-found'
    | 'not-deployed'
    | 'invalid-input'
    | 'invalid-definition'
    | 'invalid-design'
    | 'needs-confirmation'
    | 'not-running'
  message: string
  problems?: import('../problems').Problem[]
  /** What the caller needs to act on the refusal (needs-confirmation: `{ migration }`). */
  details?: Record<string, unknown>
}
