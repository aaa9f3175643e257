import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { createDb, migrate } from '../../lib/db'
import { startCollabServer } from '../../server/collab/start-collab-server'
import { buildWebIfStale } from '../../server/start/build-web'
import { freePort, stopChild, waitFor } from '../setup/wait'
import { createTestDatabase } from './env'

const root = resolve(import.meta.dirname, '..', '..')

export interface WebStack {
  baseUrl: string
  collabUrl: string
  databaseUrl: string
  secret: string
  stop(): Promise<void>
}

/**
 * The real product for end-to-end tests: a fresh database on the run's PostgreSQL (migrated), the collab server
 * and `next start` on the production build (built first when stale), all on free loopback ports.
 */
export async function startWebStack(name: string): Promise<WebStack> {
  buildWebIfStale(root, () => {})
  const database = await createTestDatabase(name)
  const { db, close } = createDb(database.url, { max: 4 })
  await migrate(db)
  const secret = randomBytes(32).toString('hex')
  const collab = await startCollabServer({ db, secret, port: 0, recheckIntervalMs: 1_000 })
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const web: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '--hostname',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        BACKPLANE_AUTH_SECRET: secret,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: baseUrl,
        COLLAB_PUBLIC_URL: collab.url,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  web.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  web.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  await waitFor(
    async () => {
      if (web.exitCode !== null) throw new Error(`next start exited (${web.exitCode}):\n${output}`)
      const response = await fetch(`${baseUrl}/signin`).catch(() => null)
      return response?.ok === true
    },
    { timeoutMs: 60_000, what: 'the web app' },
  )
  return {
    baseUrl,
    collabUrl: collab.url,
    databaseUrl: database.url,
    secret,
    async stop() {
      await stopChild(web, 'SIGTERM')
      await collab.stop()
      await close()
      await database.drop()
    },
  }
}
