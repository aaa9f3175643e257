import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
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
  /**
   * Folder of the block databases (`bp_…` names, DESIGN §6: each unbound SQL block its own database, never
   * Backplane's): a connection to such a name opens `<blocksDir>/<name>`, created on first use. Omit for in-memory
   * block databases; other names are refused.
   */
  blocksDir?: string
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
}

/** Names a block database may have (lib/runtime blockDatabaseName); anything else is not ours to create. */
const blockDatabaseName = /^bp_[a-z0-9_]{1,60}$/

/**
 * Serves PGlite over the Postgres wire protocol so every process uses the same postgres.js + drizzle code path as
 * with a real PostgreSQL. `postgres` is Backplane's own database; each `bp_…` database is a PGlite of its own,
 * opened on its first connection (PGlite is one database per instance, so there is no CREATE DATABASE). Each is a
 * single session: a connection gets it exclusively per message group and for its transactions.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const main = await openPglite(options.dataDir)
  const blocks = new Map<string, Promise<PGlite>>()
  const host = options.host ?? '127.0.0.1'
  const server = await startPgliteWireServer({
    host,
    port: options.port ?? 0,
    async open(name) {
      if (name === 'postgres') return main
      if (!blockDatabaseName.test(name)) return undefined
      let block = blocks.get(name)
      if (!block) {
        block = openPglite(options.blocksDir ? join(options.blocksDir, name) : undefined)
        blocks.set(name, block)
      }
      return block
    },
  })
  const port = server.port
  let stopped = false
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
      for (const block of blocks.values()) await (await block).close()
      await main.close()
    },
  }
}

async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pg = dataDir ? new PGlite(dataDir) : new PGlite()
  await pg.waitReady
  return pg
}
