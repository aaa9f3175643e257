import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

/** Hocuspocus message types (packages/server/src/types.ts `MessageType`). */
const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  BroadcastStateless: 6,
  Close: 7,
  SyncStatus: 8,
  Ping: 9,
  Pong: 10,
} as const

/** y-protocols sync sub-types. */
const SyncType = { step1: 0, step2: 1, update: 2 } as const

export type InspectedMessage =
  /** A Yjs update (sync step 2 or update) that decoded cleanly; `empty` when it carries nothing. */
  | { kind: 'update'; update: Uint8Array; empty: boolean }
  /** Anything else a client may legitimately send (step 1, awareness, auth, stateless, close, ping/pong). */
  | { kind: 'control' }
  | { kind: 'malformed'; why: string }

/**
 * Decodes one incoming Hocuspocus frame far enough to judge it, without touching any document: document name,
 * message type and, for sync step 2 / update frames, a full structural decode of the Yjs update
 * (`Y.decodeUpdate` parses every struct, content and the delete set — it throws on truncated or invalid input).
 * Pure; never throws.
 */
export function inspectMessage(frame: Uint8Array): InspectedMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.Sync:
      case MessageType.SyncReply: {
        const syncType = decoding.readVarUint(decoder)
        if (syncType === SyncType.step1) {
          Y.decodeStateVector(decoding.readVarUint8Array(decoder))
          return { kind: 'control' }
        }
        if (syncType !== SyncType.step2 && syncType !== SyncType.update) {
          return { kind: 'malformed', why: `unknown sync message type ${syncType}` }
        }
        const update = decoding.readVarUint8Array(decoder)
        const decoded = Y.decodeUpdate(update)
        const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0
        return { kind: 'update', update, empty }
      }
      case MessageType.Awareness: {
        decodeAwareness(decoding.readVarUint8Array(decoder))
        return { kind: 'control' }
      }
      case MessageType.Auth:
      case MessageType.QueryAwareness:
      case MessageType.Stateless:
      case MessageType.Close:
      case MessageType.Ping:
      case MessageType.Pong:
        return { kind: 'control' }
      default:
        return { kind: 'malformed', why: `message type ${type} is not accepted from clients` }
    }
  } catch (err) {
    return { kind: 'malformed', why: err instanceof Error ? err.message : String(err) }
  }
}

/** Mirrors y-protocols' awareness decoding (clients, clock, JSON state) so garbage is refused before it is applied. */
function decodeAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    JSON.parse(decoding.readVarString(decoder))
  }
}
