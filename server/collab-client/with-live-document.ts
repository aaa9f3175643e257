import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as Y from 'yjs'
import { issueServiceToken } from '../../lib/auth'
import type { DocKind } from '../../lib/db'
import { NodeWebSocket } from './node-websocket'

export interface LiveDocumentTarget {
  /** `ws://host:port` of the collab server. */
  collabUrl: string
  projectId: string
  /** The auth secret; a short-lived service credential limited to this project is issued from it. */
  secret: string
  /** Who acts, for the update log (`service:<name>`); default 'web'. */
  service?: string
  /** Default 'design'. */
  doc?: DocKind
  /** Overall limit for connecting, syncing and acknowledgement (default 15 000 ms). */
  timeoutMs?: number
}

/** Why a live edit did not happen (or was not confirmed). Thrown as `LiveDocumentError`. */
export const LiveDocumentFailure = {
  refused: 'refused',
  timeout: 'timeout',
} as const
export type LiveDocumentFailure = (typeof LiveDocumentFailure)[keyof typeof LiveDocumentFailure]

export class LiveDocumentError extends Error {
  constructor(
    readonly failure: LiveDocumentFailure,
    message: string,
  ) {
    super(message)
  }
}

/** Transaction origin of every server-side live edit, so observers can tell them apart. */
export const serviceEditOrigin = Symbol.for('backplane.service-edit')

/**
 * Edits a live document as a client of the collab server (DESIGN §5: never by writing Yjs rows behind its back):
 * connects with a service credential, waits for the first sync, runs `change(doc)` as ONE Yjs transaction (so
 * collaborators receive one update), waits until the server acknowledged it (the provider's `unsyncedChanges` back
 * to 0, which the server sends only after the update is in the durable log), and disconnects. Resolves with what
 * `change` returned; rejects with LiveDocumentError when refused or not confirmed in time (the change may then
 * still have been applied: it is idempotent to re-run applyFiles).
 */
export async function withLiveDocument<T>(target: LiveDocumentTarget, change: (doc: Y.Doc) => T): Promise<T> {
  const timeoutMs = target.timeoutMs ?? 15_000
  const token = await issueServiceToken({
    secret: target.secret,
    service: target.service ?? 'web',
    projectId: target.projectId,
    maxAgeSeconds: Math.max(60, Math.ceil(timeoutMs / 1000) * 2),
  })
  const doc = new Y.Doc()
  const socket = new HocuspocusProviderWebsocket({ url: target.collabUrl, WebSocketPolyfill: NodeWebSocket })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: `${target.projectId}/${target.doc ?? 'design'}`,
    document: doc,
    token,
    // A short-lived writer shows no presence.
    awareness: null,
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  let refuse: (reason: unknown) => void = () => {}
  const failed = new Promise<never>((_, reject) => {
    refuse = reject
  })
  // Rejections of `failed` may happen after we stopped listening; never let them go unhandled.
  failed.catch(() => {})
  const deadline = (what: string) => {
    clearTimeout(timer)
    timer = setTimeout(
      () =>
        refuse(new LiveDocumentError('timeout', `collab server at ${target.collabUrl}: no ${what} in ${timeoutMs} ms`)),
      timeoutMs,
    )
  }
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
    refuse(new LiveDocumentError('refused', `collab server refused the service credential: ${reason}`))
  })
  try {
    deadline('sync')
    const synced = new Promise<void>((resolve) => {
      provider.on('synced', () => resolve())
    })
    provider.attach()
    await Promise.race([synced, failed])
    let result: T | undefined
    doc.transact(() => {
      result = change(doc)
    }, serviceEditOrigin)
    deadline('acknowledgement')
    const acked = new Promise<void>((resolve) => {
      if (provider.unsyncedChanges === 0) return resolve()
      const onChange = ({ number }: { number: number }) => {
        if (number !== 0) return
        provider.off('unsyncedChanges', onChange)
        resolve()
      }
      provider.on('unsyncedChanges', onChange)
    })
    await Promise.race([acked, failed])
    return result as T
  } finally {
    clearTimeout(timer)
    provider.destroy()
    socket.destroy()
    doc.destroy()
  }
}

/**
 * A `LiveEditor` (lib/service/commits) over `withLiveDocument`: what restore and import are given, so the service
 * layer edits live documents only as a client of the collab server.
 */
export function liveEditorFor(options: Omit<LiveDocumentTarget, 'projectId'>) {
  return <T>(projectId: string, change: (doc: Y.Doc) => T): Promise<T> =>
    withLiveDocument({ ...options, projectId }, change)
}
