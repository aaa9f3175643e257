import { resolveAuthSecret } from '../../lib/auth'
import { createDb, type Db } from '../../lib/db'

/**
 * The web process's configuration and its one database pool, created on first use (never at import time, so
 * `next build` needs no database). Environment: DATABASE_URL (npm start passes the embedded PGlite's),
 * BACKPLANE_AUTH_SECRET / NEXTAUTH_SECRET (else the secret kept in BACKPLANE_DATA_DIR), COLLAB_PUBLIC_URL.
 */
export interface ServerContext {
  db: Db
  secret: string
  collabUrl: string
}

const globalKey = Symbol.for('backplane.web.context')
type GlobalWithContext = typeof globalThis & { [globalKey]?: ServerContext }

export function serverContext(): ServerContext {
  const g = globalThis as GlobalWithContext
  const existing = g[globalKey]
  if (existing) return existing
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database)')
  const context: ServerContext = {
    db: createDb(url, { applicationName: 'backplane-web' }).db,
    secret: resolveAuthSecret({ dataDir: process.env.BACKPLANE_DATA_DIR ?? 'data' }),
    collabUrl: process.env.COLLAB_PUBLIC_URL ?? `ws://127.0.0.1:${process.env.COLLAB_PORT ?? '1234'}`,
  }
  // Dev-mode hot reload re-evaluates modules; keep one pool per process.
  g[globalKey] = context
  return context
}
