import {
  type afterUnloadDocumentPayload,
  type beforeHandleMessagePayload,
  type Connection,
  type Extension,
  isTransactionOrigin,
  type onChangePayload,
  type onLoadDocumentPayload,
  type TransactionOrigin,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import type { DocKind } from '../../lib/db'
import { closeConnection } from './auth-extension'
import { CollabClose, CollabCloseError } from './close-codes'
import { type CollabContext, isCollabContext } from './collab-context'
import { parseDocumentName } from './document-name'
import { inspectMessage } from './inspect-message'
import type { UpdateLog } from './update-log'

export interface DurabilityOptions {
  log: UpdateLog
  /** false = the in-memory baseline for benchmarks: nothing is loaded or logged. */
  persistence: boolean
  /** Largest accepted frame (also enforced by the WebSocket server's maxPayload). */
  maxMessageBytes: number
  /** Refuse updates once snapshot + logged bytes of a document would pass this. */
  maxDocumentBytes: number
  /** Compact a document after this many rows were appended since its last compaction (and on unload). */
  compactEveryRows: number
  /** Test only (see CollabServerOptions.afterAppendDelayMs). */
  afterAppendDelayMs?: number
  now?: () => number
}

interface DocState {
  projectId: string
  doc: DocKind
  /** Snapshot + logged bytes: an upper bound of the encoded state, recomputed at every compaction. */
  bytes: number
  rowsSinceCompaction: number
  compacting: Promise<void> | null
  /**
   * Resolves once every update applied to the live document so far is committed (rejects for good once one of them
   * failed). An acknowledgement waits for it, not just for its own row: an edit relayed before its commit may be
   * built upon by another client, whose acknowledgement must not come before that dependency is durable.
   */
  durableTail: Promise<void>
  /**
   * The live document holds an update the log does not (its append failed): nothing more is accepted and every
   * connection is closed, so the document unloads and the next connection reloads it from the log; clients then
   * send back what the log lacks.
   */
  diverged: boolean
}

/** Origin of the updates the loader applies: never logged again, never broadcast (no one is connected yet). */
const loadOrigin = { source: 'local', skipStoreHooks: true, context: { backplane: 'load' } } as const

/**
 * The durable path of every update (DESIGN §5): decode and check the frame, append the update to the log, and only
 * then let Hocuspocus apply it and acknowledge it (`beforeHandleMessage` is awaited per message, and Hocuspocus
 * sends the sync-status acknowledgement after applying). A `kill -9` therefore never loses an acknowledged edit.
 * Malformed, oversized or too-fast input closes that connection and never reaches the log.
 */
export function durabilityExtension(options: DurabilityOptions): Extension<CollabContext> & {
  /** Background compactions in flight (stop() awaits them). */
  idle(): Promise<void>
} {
  const now = options.now ?? Date.now
  const docs = new Map<string, DocState>()
  const background = new Set<Promise<void>>()

  const track = (p: Promise<void>) => {
    background.add(p)
    void p.finally(() => background.delete(p))
  }

  function compactSoon(name: string, state: DocState): void {
    if (state.compacting || !options.persistence) return
    state.rowsSinceCompaction = 0
    const bytesAtStart = state.bytes
    state.compacting = options.log
      .compact(state.projectId, state.doc)
      .then((result) => {
        // The snapshot replaces what was read; bytes appended meanwhile stay counted.
        if (result.rows > 0) state.bytes = result.snapshotBytes + (state.bytes - bytesAtStart)
      })
      .catch((err: unknown) => console.error(`collab: compaction of ${name} failed (rows stay in the log)`, err))
      .finally(() => {
        state.compacting = null
      })
    track(state.compacting)
  }

  /**
   * The live document holds an update the log lacks (its append failed, or it failed to apply halfway): accept
   * nothing more and close every connection (4503), so that it unloads and is reloaded from the log; the clients
   * then send back what the log does not have, and it is logged like any other update.
   */
  function diverge(name: string, state: DocState, connections: Connection[]): void {
    if (state.diverged) return
    state.diverged = true
    console.error(`collab: ${name} is ahead of its log; closing its ${connections.length} connections to reload it`)
    for (const c of connections) closeConnection(c, CollabClose.storageUnavailable, 'reloading')
  }

  async function append(
    name: string,
    state: DocState,
    update: Uint8Array,
    userId: string | null,
    connectionId: string,
  ) {
    await options.log.append({ projectId: state.projectId, doc: state.doc, update, userId, connectionId })
    state.bytes += update.byteLength
    state.rowsSinceCompaction++
    if (state.rowsSinceCompaction >= options.compactEveryRows) compactSoon(name, state)
  }

  return {
    extensionName: 'backplane-durability',
    // Before other extensions' hooks: a refused message must not reach them either.
    priority: 1000,

    async onLoadDocument({ document, documentName }: onLoadDocumentPayload<CollabContext>) {
      const address = parseDocumentName(documentName)
      if (!address) throw new Error(`not a Backplane document name: ${documentName}`)
      const state: DocState = {
        ...address,
        bytes: 0,
        rowsSinceCompaction: 0,
        compacting: null,
        durableTail: Promise.resolve(),
        diverged: false,
      }
      if (options.persistence) {
        const loaded = await options.log.load(address.projectId, address.doc)
        state.bytes = loaded.snapshotBytes + loaded.logBytes
        state.rowsSinceCompaction = loaded.logRows
        for (const update of loaded.updates) {
          try {
            Y.applyUpdate(document, update, loadOrigin)
          } catch (err) {
            // Only a bug could have logged it (frames are decoded first); skip it rather than lose the document.
            console.error(`collab: skipping a logged update of ${documentName} that does not apply`, err)
          }
        }
      }
      docs.set(documentName, state)
    },

    async beforeHandleMessage(data: beforeHandleMessagePayload<CollabContext>) {
      const { connection, update: frame, documentName, document } = data
      const context = connection.context
      if (!isCollabContext(context)) throw new CollabCloseError(CollabClose.malformedMessage, 'unauthenticated')
      const t = now()
      const refuse = (close: (typeof CollabClose)[keyof typeof CollabClose], detail?: string): never => {
        const error = new CollabCloseError(close, detail)
        closeConnection(connection, close, detail)
        throw error
      }
      if (!context.limiter.allowMessage(t)) return refuse(CollabClose.rateLimited, 'messages')
      if (frame.byteLength > options.maxMessageBytes) return refuse(CollabClose.malformedMessage, 'too-large')
      const message = inspectMessage(frame)
      if (message.kind === 'malformed') return refuse(CollabClose.malformedMessage, message.why.slice(0, 60))
      // Not even a sync step 1: a document ahead of its log is not served until it is reloaded.
      if (docs.get(documentName)?.diverged) return refuse(CollabClose.storageUnavailable, 'reloading')
      if (message.kind !== 'update' || message.empty) return
      // Hocuspocus drops updates from read-only connections itself (and answers "not saved"); never log them.
      if (connection.readOnly) return
      if (!context.limiter.allowUpdateBytes(message.update.byteLength, t))
        return refuse(CollabClose.rateLimited, 'bytes')
      const state = docs.get(documentName)
      if (!state) return refuse(CollabClose.malformedMessage, 'document-not-loaded')
      if (state.bytes + message.update.byteLength > options.maxDocumentBytes)
        return refuse(CollabClose.documentTooLarge)
      if (!options.persistence) return
      // Relay now, acknowledge once logged. The frame passed inspection (full structural decode) and every limit, so
      // it goes into the live document at once — Hocuspocus broadcasts from there to the other clients while the
      // append is in flight — and the acknowledgement (sent by Hocuspocus after this hook, when it applies the
      // update again: a no-op that emits nothing) still waits for the commit.
      try {
        Y.applyUpdate(document, message.update, { source: 'connection', connection } satisfies TransactionOrigin)
      } catch (err) {
        // Decoded but does not integrate (only a Yjs bug); part of it may already be live: reload from the log.
        console.error(`collab: an update to ${documentName} decoded but did not apply`, err)
        diverge(documentName, state, document.getConnections())
        return refuse(CollabClose.malformedMessage, 'does-not-apply')
      }
      const appended = append(documentName, state, message.update, context.access.userId, connection.socketId)
      const durable = Promise.all([state.durableTail, appended]).then(() => undefined)
      state.durableTail = durable
      try {
        await durable
        if (options.afterAppendDelayMs) await new Promise((r) => setTimeout(r, options.afterAppendDelayMs))
      } catch (err) {
        console.error(`collab: appending to ${documentName} failed; the update is refused, not acknowledged`, err)
        diverge(documentName, state, document.getConnections())
        refuse(CollabClose.storageUnavailable)
      }
    },

    /**
     * Updates that did not come through a client connection (a DirectConnection, another extension) are logged
     * here. Not awaited by Hocuspocus, so errors are caught: an unhandled rejection would end the process.
     */
    async onChange(data: onChangePayload<CollabContext>) {
      try {
        const origin = data.transactionOrigin
        if (!options.persistence) return
        if (isTransactionOrigin(origin) && (origin.source === 'connection' || origin.source === 'redis')) return
        if (origin === loadOrigin) return
        const state = docs.get(data.documentName)
        if (!state) return
        // Already live and relayed: clients may build on it, so their acknowledgements wait for it too, and a
        // failed append leaves the document ahead of its log like a failed client append does.
        const appended = append(data.documentName, state, data.update, null, 'local')
        const durable = Promise.all([state.durableTail, appended]).then(() => undefined)
        state.durableTail = durable
        try {
          await durable
        } catch (err) {
          diverge(data.documentName, state, data.document.getConnections())
          throw err
        }
      } catch (err) {
        console.error(`collab: logging a local change of ${data.documentName} failed`, err)
      }
    },

    async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
      const state = docs.get(documentName)
      docs.delete(documentName)
      if (state && state.rowsSinceCompaction > 0) compactSoon(documentName, state)
    },

    async idle() {
      await options.log.drain()
      while (background.size > 0) await Promise.allSettled([...background])
    },
  }
}
