import type { DocKind } from '../../lib/db'
import type { DocAccess, Grant, ProjectAccess } from '../../lib/service/accounts'
import type { ConnectionLimiter } from './rate-limiter'

/** What `onAuthenticate` attaches to each document connection (Hocuspocus merges it into `connection.context`). */
export interface CollabContext {
  projectId: string
  doc: DocKind
  grant: Grant
  access: ProjectAccess
  /** This connection's level on its document; `read` connections are `readOnly` on the server. */
  level: DocAccess
  limiter: ConnectionLimiter
}

export function isCollabContext(value: unknown): value is CollabContext {
  return typeof value === 'object' && value !== null && 'grant' in value && 'limiter' in value && 'level' in value
}
