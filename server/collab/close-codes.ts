/**
 * WebSocket close codes the collab server uses (4000–4999 is the application range). Clients and tests match on
 * `code`; `reason` carries the detail (for example `access-revoked:stale-session`).
 */
export const CollabClose = {
  /** The grant behind a live connection is gone: member removed, link revoked or expired, session bumped. */
  accessRevoked: { code: 4403, reason: 'access-revoked' },
  /** A message that does not decode as the Hocuspocus/Yjs protocol, or a server-only opcode. */
  malformedMessage: { code: 4400, reason: 'malformed-message' },
  /** More messages or bytes per second than the per-connection limit. */
  rateLimited: { code: 4429, reason: 'rate-limited' },
  /** Applying the update would take the document past its size limit. */
  documentTooLarge: { code: 4413, reason: 'document-too-large' },
  /** The update log could not be written; the update was neither applied nor acknowledged. */
  storageUnavailable: { code: 4503, reason: 'storage-unavailable' },
} as const
export type CollabClose = (typeof CollabClose)[keyof typeof CollabClose]

/** The error thrown from a hook to make Hocuspocus drop the message and close the connection with a code. */
export class CollabCloseError extends Error {
  readonly code: number
  readonly reason: string
  constructor(close: CollabClose, detail?: string) {
    const reason = detail ? `${close.reason}:${detail}` : close.reason
    super(reason)
    this.code = close.code
    // WebSocket close reasons are limited to 123 bytes.
    this.reason = reason.slice(0, 120)
  }
}
