import { fileURLToPath } from 'node:url'
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator'
import type { Db } from './create-db'

/** Where `drizzle-kit generate` writes (drizzle.config.ts `out`). */
export const defaultMigrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

/**
 * Brings the schema up to date: applies every migration in `drizzle/` not yet recorded in
 * `drizzle.__drizzle_migrations`, each in a transaction. Idempotent; the same files serve PostgreSQL and PGlite
 * behind pglite-socket (both reached through postgres.js).
 */
export async function migrate(db: Db, options: { migrationsFolder?: string } = {}): Promise<void> {
  await drizzleMigrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder })
}
