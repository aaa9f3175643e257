import { Server } from '@hocuspocus/server'
import type { Db } from '../../lib/db'
import { authExtension, recheckConnections } from './auth-extension'
import type { CollabContext } from './collab-context'
import { durabilityExtension } from './durability-extension'
import { defaultRateLimits, type RateLimits } from './rate-limiter'
import { createUpdateLog, type UpdateLog } from './update-log'

export interface CollabServerOptions {
  db: Db
  /** The auth secret (lib/auth `resolveAuthSecret`). */
  secret: string
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  /** false = nothing loaded or logged (benchmark baseline only). Default true. */
  persistence?: boolean
  /** How often every live connection's grant is re-checked. Default 2 000 ms (revocations land within 5 s). */
  recheckIntervalMs?: number
  maxMessageBytes?: number
  maxDocumentBytes?: number
  compactEveryRows?: number
  limits?: Partial<RateLimits>
  /** Hocuspocus' idle-connection timeout (ms). */
  timeoutMs?: number
  /**
   * Test only: wait this long after an update is durably appended and before Hocuspocus applies and acknowledges
   * it, so crash tests can land a `kill -9` inside that window. 0 in production.
   */
  afterAppendDelayMs?: number
}

export interface CollabServer {
  /** `ws://host:port` for `HocuspocusProvider({ url })`. */
  url: string
  port: number
  log: UpdateLog
  /** Re-check all grants now (the timer does it every `recheckIntervalMs`); returns connections closed. */
  recheckNow(): Promise<number>
  /**
   * Closes every connection, unloads documents (compacting them), waits for the log and ends its fold worker; the
   * db stays open.
   */
  stop(): Promise<void>
}

export const collabDefaults = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  compactEveryRows: 500,
  recheckIntervalMs: 2_000,
} as const

/**
 * Starts the collaboration server (Hocuspocus 4) for documents `<projectId>/design` and `<projectId>/discussion`:
 * authenticated connections, server-enforced read-only levels, a durable update log with group commit, and
 * periodic grant re-checks. Used in-process by tests and benchmarks, and by `server/collab.ts`.
 */
export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  const limits: RateLimits = { ...defaultRateLimits, ...options.limits }
  const maxMessageBytes = options.maxMessageBytes ?? collabDefaults.maxMessageBytes
  const log = createUpdateLog(options.db)
  const authOptions = { db: options.db, secret: options.secret, limits }
  const durability = durabilityExtension({
    log,
    persistence: options.persistence ?? true,
    maxMessageBytes,
    maxDocumentBytes: options.maxDocumentBytes ?? collabDefaults.maxDocumentBytes,
    compactEveryRows: options.compactEveryRows ?? collabDefaults.compactEveryRows,
    afterAppendDelayMs: options.afterAppendDelayMs ?? 0,
  })
  const server = new Server<CollabContext>({
    name: 'backplane-collab',
    port: options.port ?? 0,
    address: options.host ?? '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    timeout: options.timeoutMs ?? 30_000,
    // Nothing to store on a timer: every update is already in the log. Unload as soon as the last client leaves.
    debounce: 0,
    maxDebounce: 0,
    unloadImmediately: true,
    // Broadcast each update as it is applied instead of batching a loop turn's updates on setImmediate: at the
    // rates we see, a turn rarely holds two updates of one document, and the batch made every broadcast wait for
    // the rest of the poll phase (other frames, database replies, the next INSERT being built).
    flushDelay: false,
    // ws closes the socket (1009) on a bigger frame before it is even buffered whole.
    websocketOptions: { maxPayload: maxMessageBytes },
    extensions: [durability, authExtension(authOptions)],
  })
  await server.listen()
  const port = server.address.port
  let rechecking: Promise<number> | null = null
  const recheckNow = () => {
    rechecking ??= recheckConnections(server.hocuspocus, authOptions).finally(() => {
      rechecking = null
    })
    return rechecking
  }
  const timer = setInterval(() => {
    recheckNow().catch((err: unknown) => console.error('collab: grant re-check round failed', err))
  }, options.recheckIntervalMs ?? collabDefaults.recheckIntervalMs)
  timer.unref()
  const statsTimer =
    process.env.BACKPLANE_COLLAB_STATS === '1'
      ? setInterval(() => {
          const st = log.stats()
          const avg = st.appended ? (st.appendMsTotal / st.appended).toFixed(2) : '0'
          console.log(
            `collab stats: docs=${server.hocuspocus.getDocumentsCount()} connections=${server.hocuspocus.getConnectionsCount()} appended=${st.appended} batches=${st.batches} largestBatch=${st.largestBatch} appendMsAvg=${avg} appendMsMax=${st.appendMsMax.toFixed(1)} pending=${st.pending} inFlight=${st.inFlight}`,
          )
        }, 5_000)
      : undefined
  statsTimer?.unref()
  let stopping: Promise<void> | null = null
  return {
    url: `ws://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    log,
    recheckNow,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer)
        clearInterval(statsTimer)
        try {
          await server.destroy()
          await rechecking?.catch(() => 0)
          await durability.idle()
        } finally {
          // After the last compaction: ends the fold worker thread.
          await log.close()
        }
      })()
      return stopping
    },
  }
}
