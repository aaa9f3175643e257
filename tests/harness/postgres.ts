import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, stopChild, waitFor } from '../setup/wait'

/** A throwaway PostgreSQL server owned by the test run. */
export type PostgresServer = {
  /** Superuser URL (`postgres` role, trust auth) of the `postgres` database. */
  url: string
  port: number
  dataDir: string
  pid: number
  stop(): Promise<void>
}

/** Newest Debian-packaged PostgreSQL bin directory, or undefined when none is installed. */
export function findPostgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin')
}

// initdb and postgres refuse to run as root, and we are root in CI: run them as the `postgres` OS user. Node's
// spawn uid/gid (rather than `runuser`) keeps postgres our direct child, so signals reach it and its pid is known.
function postgresIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  return { uid, gid }
}

/**
 * Starts a fresh PostgreSQL cluster in a temporary data directory, listening on 127.0.0.1 on a free port, with
 * durability switched off (tests never need crash safety of the test server itself). Retries on a port race with
 * other runs on the same machine.
 */
export async function startPostgres(options: { binDir?: string } = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? findPostgresBinDir()
  if (binDir === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run `node scripts/setup.mjs --test`',
    )
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'backplane-pg-'))
  const identity = postgresIdentity()
  if (identity !== undefined) chownSync(dataDir, identity.uid, identity.gid)
  const asUser = { ...identity, cwd: dataDir }
  execFileSync(
    join(binDir, 'initdb'),
    [
      '-D',
      join(dataDir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] },
  )

  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort()
    const args = [
      '-D',
      join(dataDir, 'data'),
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dataDir}`,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=64MB',
      '-c',
      'log_min_messages=warning',
    ]
    const child = spawn(join(binDir, 'postgres'), args, { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    try {
      await waitFor(
        () => isReady(binDir, port, child),
        { timeoutMs: 30_000, what: `PostgreSQL on port ${port}` },
        () => stderr,
      )
      const stop = () => stopPostgres(child, dataDir)
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dataDir, pid: child.pid ?? 0, stop }
    } catch (error) {
      lastError = error
      await stopChild(child, 'SIGINT')
      if (!/could not bind|Address already in use/i.test(stderr)) break
    }
  }
  rmSync(dataDir, { recursive: true, force: true })
  throw lastError
}

function isReady(binDir: string, port: number, child: ChildProcess): boolean {
  if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}`)
  try {
    execFileSync(join(binDir, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function stopPostgres(child: ChildProcess, dataDir: string): Promise<void> {
  // SIGINT = "fast shutdown": rolls back open transactions and disconnects clients, no waiting for them.
  await stopChild(child, 'SIGINT')
  rmSync(dataDir, { recursive: true, force: true })
}
