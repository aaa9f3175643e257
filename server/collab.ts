/**
 * The collab server process (`npm run collab`).
 *
 * Environment: DATABASE_URL (required; `npm start` passes the embedded PGlite's), BACKPLANE_AUTH_SECRET or
 * NEXTAUTH_SECRET (else the secret kept in BACKPLANE_DATA_DIR, default ./data), COLLAB_PORT (default 1234),
 * COLLAB_HOST (default 127.0.0.1), BACKPLANE_COLLAB_PERSISTENCE=off (benchmarks only),
 * BACKPLANE_COLLAB_RECHECK_MS, BACKPLANE_COLLAB_COMPACT_EVERY, BACKPLANE_COLLAB_MAX_MESSAGE_BYTES,
 * BACKPLANE_COLLAB_MAX_DOCUMENT_BYTES; BACKPLANE_COLLAB_TEST_AFTER_APPEND_DELAY_MS (crash tests only).
 * Prints `collab: listening <url>` when ready.
 * The schema must be migrated already (npm start does it; or `migrate(db)` from lib/db).
 */
import { resolveAuthSecret } from '../lib/auth'
import { createDb } from '../lib/db'
import { startCollabServer } from './collab/start-collab-server'

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  const n = Number(raw)
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`)
  return n
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database)')
  const secret = resolveAuthSecret({ dataDir: process.env.BACKPLANE_DATA_DIR ?? 'data' })
  const { db, close } = createDb(url, { applicationName: 'backplane-collab' })
  const server = await startCollabServer({
    db,
    secret,
    port: numberFromEnv('COLLAB_PORT') ?? 1234,
    host: process.env.COLLAB_HOST ?? '127.0.0.1',
    persistence: process.env.BACKPLANE_COLLAB_PERSISTENCE !== 'off',
    recheckIntervalMs: numberFromEnv('BACKPLANE_COLLAB_RECHECK_MS'),
    compactEveryRows: numberFromEnv('BACKPLANE_COLLAB_COMPACT_EVERY'),
    maxMessageBytes: numberFromEnv('BACKPLANE_COLLAB_MAX_MESSAGE_BYTES'),
    maxDocumentBytes: numberFromEnv('BACKPLANE_COLLAB_MAX_DOCUMENT_BYTES'),
    afterAppendDelayMs: numberFromEnv('BACKPLANE_COLLAB_TEST_AFTER_APPEND_DELAY_MS'),
  })
  console.log(`collab: listening ${server.url}`)
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`collab: ${signal}, stopping`)
    await server.stop()
    await close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

// A failing hook or a dropped database connection must never take the server down: log and keep serving.
process.on('unhandledRejection', (reason) => console.error('collab: unhandled rejection', reason))
process.on('uncaughtException', (err) => console.error('collab: uncaught exception', err))

main().catch((err: unknown) => {
  console.error('collab: failed to start', err)
  process.exit(1)
})
