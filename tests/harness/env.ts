import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import postgres from 'postgres'
import { inject } from 'vitest'
import { ENV_POSTGRES_URL, ENV_TEMPORAL_ADDRESS } from '../setup/server-env'

declare module 'vitest' {
  interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server (see tests/setup/global-setup.ts). */
    backplanePostgresUrl: string
    /** `host:port` of the run's Temporal dev server, namespace `default`. */
    backplaneTemporalAddress: string
  }
}

export { ENV_POSTGRES_URL, ENV_TEMPORAL_ADDRESS }

/** Namespace the test Temporal server registers at start. */
export const TEST_TEMPORAL_NAMESPACE = 'default'

function provided(env: string, key: 'backplanePostgresUrl' | 'backplaneTemporalAddress'): string {
  const value = process.env[env] || inject(key)
  if (!value) throw new Error(`${env} is not set: run tests through vitest (the global setup starts the servers)`)
  return value
}

/**
 * Superuser URL (`postgres` role, trust auth) of the `postgres` database on the run's real PostgreSQL server.
 * Shared by every test file: create your own database with `createTestDatabase` rather than tables in this one.
 */
export function testPostgresUrl(): string {
  return provided(ENV_POSTGRES_URL, 'backplanePostgresUrl')
}

/** `host:port` of the run's Temporal dev server (in-memory, namespace `default`); use a unique task queue per test. */
export function testTemporalAddress(): string {
  return provided(ENV_TEMPORAL_ADDRESS, 'backplaneTemporalAddress')
}

export type TestDatabase = {
  /** Database name: `<prefix>_<random>`, lower-case. */
  name: string
  /** Superuser URL of the new, empty database. */
  url: string
  /** Drops the database, disconnecting whoever is still connected. Safe to call twice. */
  drop(): Promise<void>
}

/**
 * Creates an empty database on the run's PostgreSQL server. `prefix` names the test (letters, digits, `_`; the rest
 * becomes `_`) so a leftover database says where it came from.
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const base = testPostgresUrl()
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 40) || 'test'
  const name = `${clean}_${randomBytes(6).toString('hex')}`
  await withAdmin(base, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`))
  const url = new URL(base)
  url.pathname = `/${name}`
  let dropped = false
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return
      dropped = true
      await withAdmin(base, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}

async function withAdmin(url: string, run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await run(sql)
  } finally {
    await sql.end()
  }
}

/** Debian's Chromium (`apt-get install chromium`, done by `scripts/setup.mjs --test`); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: run \`node scripts/setup.mjs --test\``)
  return path
}
