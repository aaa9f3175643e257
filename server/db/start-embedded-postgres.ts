import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` — hand it to `createDb` like any DATABASE_URL. */
  url: string
  port: number
  stop(): Promise<void>
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the database files; created if missing. Omit for an in-memory database (tests). */
  dataDir?: string
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  /** Concurrent wire connections across all processes (web, collab, worker pools). */
  maxConnections?: number
}

/**
 * Serves one PGlite database over the Postgres wire protocol so every process uses the same postgres.js +
 * drizzle code path as with a real PostgreSQL. PGlite is a single session: pglite-socket queues queries from all
 * connections and keeps a connection's open transaction exclusive until it ends.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const pg = options.dataDir ? new PGlite(options.dataDir) : new PGlite()
  await pg.waitReady
  const host = options.host ?? '127.0.0.1'
  const server = new PGLiteSocketServer({
    db: pg,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 100,
  })
  await server.start()
  const conn = server.getServerConn()
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1))
  let stopped = false
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
      await pg.close()
    },
  }
}
