import type { Connection, Extension, Hocuspocus, onAuthenticatePayload } from '@hocuspocus/server'
import { readSessionCookie } from '../../lib/auth'
import type { Db } from '../../lib/db'
import { type AccessCheck, docAccess, recheckGrant, resolveProjectAccess } from '../../lib/service/accounts'
import { CollabClose } from './close-codes'
import { type CollabContext, isCollabContext } from './collab-context'
import { parseDocumentName } from './document-name'
import { ConnectionLimiter, type RateLimits } from './rate-limiter'

/**
 * Thrown from `onAuthenticate` to refuse: Hocuspocus sends `reason` to the provider (`authenticationFailed`).
 * The message is left empty on purpose: Hocuspocus logs hook errors that carry one, and refusals are routine.
 */
export class AuthRefusal extends Error {
  constructor(readonly reason: string) {
    super('')
  }
}

export interface AuthOptions {
  db: Db
  secret: string
  limits: RateLimits
  now?: () => number
}

/**
 * Every connection proves a session token (or next-auth cookie), a share-link token or a service credential for
 * the project named by the document; the resulting level decides `readOnly`, which Hocuspocus enforces server-side.
 */
export function authExtension(options: AuthOptions): Extension<CollabContext> {
  const now = options.now ?? Date.now
  return {
    extensionName: 'backplane-auth',
    async onAuthenticate(data: onAuthenticatePayload<CollabContext>): Promise<CollabContext> {
      const address = parseDocumentName(data.documentName)
      if (!address) throw new AuthRefusal('unknown-document')
      const token = data.token || readSessionCookie(data.requestHeaders.get('cookie')) || ''
      const check = await resolveProjectAccess(options.db, {
        token,
        secret: options.secret,
        projectId: address.projectId,
        now: new Date(now()),
      })
      if (!check.ok) throw new AuthRefusal(check.reason)
      const level = docAccess(check.access, address.doc)
      if (level === 'none') throw new AuthRefusal('insufficient-role')
      data.connectionConfig.readOnly = level !== 'write'
      return {
        projectId: address.projectId,
        doc: address.doc,
        grant: check.grant,
        access: check.access,
        level,
        limiter: new ConnectionLimiter(options.limits, now()),
      }
    },
  }
}

/**
 * Re-evaluates the grant of every live connection and closes those whose access went away or dropped from write to
 * read (the provider reconnects and is re-authenticated at its new level). Identical grants are checked once per
 * round. Returns how many connections were closed. Never throws: a failing check leaves the connection alone
 * until the next round.
 */
export async function recheckConnections(instance: Hocuspocus, options: AuthOptions): Promise<number> {
  const now = options.now ?? Date.now
  const byGrant = new Map<string, Connection[]>()
  for (const document of instance.documents.values()) {
    for (const connection of document.getConnections()) {
      if (!isCollabContext(connection.context)) continue
      const key = `${JSON.stringify(connection.context.grant)}|${connection.context.projectId}`
      const list = byGrant.get(key)
      if (list) list.push(connection)
      else byGrant.set(key, [connection])
    }
  }
  let closed = 0
  await Promise.all(
    [...byGrant.values()].map(async (connections) => {
      const first = connections[0]
      if (!first || !isCollabContext(first.context)) return
      let check: AccessCheck
      try {
        check = await recheckGrant(options.db, {
          grant: first.context.grant,
          projectId: first.context.projectId,
          now: new Date(now()),
        })
      } catch (err) {
        console.error('collab: grant re-check failed; retrying next round', err)
        return
      }
      for (const connection of connections) {
        if (!isCollabContext(connection.context)) continue
        const level = check.ok ? docAccess(check.access, connection.context.doc) : 'none'
        const was = connection.context.level
        if (level === 'none' || (was === 'write' && level !== 'write')) {
          closeConnection(connection, CollabClose.accessRevoked, check.ok ? 'role-changed' : check.reason)
          closed++
        }
      }
    }),
  )
  return closed
}

/** Detaches the document connection at once (no further message is applied), then closes the socket with a code. */
export function closeConnection(
  connection: Connection,
  close: { code: number; reason: string },
  detail?: string,
): void {
  const reason = (detail ? `${close.reason}:${detail}` : close.reason).slice(0, 120)
  try {
    connection.close({ code: close.code, reason })
    connection.webSocket.close(close.code, reason)
  } catch (err) {
    console.error('collab: closing a connection failed', err)
  }
}
