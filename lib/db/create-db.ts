import type { PgDatabase } from 'drizzle-orm/pg-core'
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema'

export type Schema = typeof schema

/**
 * The one database handle type of Backplane: a drizzle database over postgres.js, or a transaction of one
 * (both satisfy it), for PostgreSQL and for PGlite served over the wire protocol alike.
 */
export type Db = PgDatabase<PostgresJsQueryResultHKT, Schema>

export interface DbConnection {
  db: Db
  /** Ends the pool; pending queries finish first (up to `timeoutSeconds`). */
  close(timeoutSeconds?: number): Promise<void>
}

export interface CreateDbOptions {
  /** Pool size (default 10). PGlite serialises queries anyway; keep it small there. */
  max?: number
  /** Application name shown in pg_stat_activity. */
  applicationName?: string
}

/**
 * Opens a postgres.js pool and wraps it in drizzle with our schema. Server notices are dropped (migrations
 * print "already exists, skipping" on every start otherwise).
 */
export function createDb(url: string, options: CreateDbOptions = {}): DbConnection {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'backplane' },
  })
  const db = drizzle(client, { schema })
  return { db, close: (timeoutSeconds = 5) => client.end({ timeout: timeoutSeconds }) }
}
