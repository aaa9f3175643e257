import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { startPgliteWireServer } from './pglite-wire-server'

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
}

/**
 * Serves one PGlite database over the Postgres wire protocol so every process uses the same postgres.js +
 * drizzle code path as with a real PostgreSQL. PGlite is a single session: each connection gets it exclusively
 * per message group and for the length of its transactions (see pglite-wire-server.ts).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const pg = options.dataDir ? new PGlite(options.dataDir) : new PGlite()
  await pg.waitReady
  const host = options.host ?? '127.0.0.1'
  const server = await startPgliteWireServer({ db: pg, host, port: options.port ?? 0 })
  const port = server.port
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
