import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator'
import type { Db } from './create-db'

/**
 * Where `drizzle-kit generate` writes (drizzle.config.ts `out`). Built from the module's folder, not with
 * `new URL('../../drizzle', import.meta.url)`: bundlers (Next's Turbopack) treat that form as an asset import.
 */
export const defaultMigrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle')

/**
 * Brings the schema up to date: applies every migration in `drizzle/` not yet recorded in
 * `drizzle.__drizzle_migrations`, each in a transaction. Idempotent; the same files serve PostgreSQL and PGlite
 * behind pglite-socket (both reached through postgres.js).
 */
export async function migrate(db: Db, options: { migrationsFolder?: string } = {}): Promise<void> {
  await drizzleMigrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder })
}
