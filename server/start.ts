/**
 * `npm start`: the whole product on one machine. Set-up (scripts/setup.mjs) has already run.
 *
 * Without DATABASE_URL it serves an embedded PGlite (data/pglite; each unbound SQL block its own PGlite in
 * data/block-databases) over the Postgres wire protocol; without
 * TEMPORAL_ADDRESS it starts a Temporal dev server whose SQLite file lives in data/ (schedules survive restarts).
 * Then it migrates the database and runs the collab, worker and web processes, each its own Node process.
 * Environment: PORT (web, 3000), COLLAB_PORT (1234), TEMPORAL_PORT (7233), BACKPLANE_DATA_DIR (data).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { resolveAuthSecret } from '../lib/auth'
import { createDb, migrate } from '../lib/db'
import { startEmbeddedPostgres } from './db'
import { buildWebIfStale } from './start/build-web'
import { type Supervised, supervise } from './start/supervise'

const root = resolve(import.meta.dirname, '..')
const dataDir = resolve(process.env.BACKPLANE_DATA_DIR ?? join(root, 'data'))
const node = process.execPath
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const nextCli = join(root, 'node_modules', 'next', 'dist', 'bin', 'next')

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true })
  const secret = resolveAuthSecret({ dataDir })
  const children: Supervised[] = []
  const stops: Array<() => Promise<void>> = []
  let stopping = false
  const stopAll = async (code: number) => {
    if (stopping) return
    stopping = true
    for (const c of children) c.child.kill('SIGTERM')
    for (const stop of stops.reverse()) await stop().catch(() => {})
    process.exit(code)
  }
  const onExit = (name: string, code: number | null) => {
    if (stopping) return
    console.error(`start: ${name} stopped (code ${code}); stopping everything`)
    void stopAll(1)
  }
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  let databaseUrl = process.env.DATABASE_URL
  // Where a deployment gives an unbound SQL block its own database (never Backplane's own tables): the embedded
  // server's per-name PGlite, else a new database on the configured server (BACKPLANE_PROVISION_URL overrides).
  let provision: Record<string, string | undefined> = {
    BACKPLANE_PROVISION_URL: process.env.BACKPLANE_PROVISION_URL ?? databaseUrl,
  }
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'pglite'),
      blocksDir: join(dataDir, 'block-databases'),
      port: Number(process.env.PGLITE_PORT ?? 0),
    })
    stops.push(pg.stop)
    databaseUrl = pg.url
    provision = { BACKPLANE_PROVISION_URL: pg.url, BACKPLANE_PROVISION_MODE: 'embedded' }
    console.log(`start: embedded PostgreSQL (PGlite) at ${databaseUrl}`)
  }
  const { db, close } = createDb(databaseUrl, { max: 1, applicationName: 'backplane-migrate' })
  await migrate(db)
  await close()

  let temporalAddress = process.env.TEMPORAL_ADDRESS
  if (!temporalAddress) {
    const port = Number(process.env.TEMPORAL_PORT ?? 7233)
    const cli = process.env.TEMPORAL_CLI ?? join(homedir(), '.cache', 'backplane', 'bin', 'temporal')
    const temporal = supervise({
      name: 'temporal',
      command: cli,
      args: [
        'server',
        'start-dev',
        '--headless',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--db-filename',
        join(dataDir, 'temporal.sqlite'),
        '--log-level',
        'warn',
      ],
      env: process.env,
      onExit,
    })
    children.push(temporal)
    temporalAddress = `127.0.0.1:${port}`
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...provision,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    BACKPLANE_AUTH_SECRET: secret,
    NEXTAUTH_SECRET: secret,
    BACKPLANE_DATA_DIR: dataDir,
    COLLAB_PORT: process.env.COLLAB_PORT ?? '1234',
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`,
  }
  children.push(
    supervise({
      name: 'collab',
      command: node,
      args: [tsxCli, join(root, 'server', 'collab.ts')],
      env,
      ready: /listening/,
      onExit,
    }),
  )
  if (existsSync(join(root, 'server', 'worker.ts'))) {
    children.push(
      supervise({ name: 'worker', command: node, args: [tsxCli, join(root, 'server', 'worker.ts')], env, onExit }),
    )
  }
  buildWebIfStale(root, (line) => console.log(`start: ${line}`))
  children.push(
    supervise({
      name: 'web',
      command: node,
      args: [nextCli, 'start', '--hostname', '127.0.0.1', '--port', process.env.PORT ?? '3000'],
      env,
      ready: /Ready|started server/i,
      onExit,
    }),
  )
  await Promise.all(children.map((c) => c.ready))
  console.log(`start: Backplane is up at ${env.NEXTAUTH_URL}`)
}

main().catch((err: unknown) => {
  console.error('start: failed', err)
  process.exit(1)
})
