import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { freePort, stopChild, waitFor } from '../setup/wait'

/** Where `scripts/setup.mjs` puts the Temporal CLI: outside the clone, so fresh clones reuse the build. */
export function temporalCliPath(): string {
  return process.env.TEMPORAL_CLI ?? join(homedir(), '.cache', 'backplane', 'bin', 'temporal')
}

/** A Temporal dev server (in-memory SQLite, no UI) owned by the test run. */
export type TemporalServer = {
  /** `host:port` of the frontend gRPC service. */
  address: string
  namespace: string
  pid: number
  stop(): Promise<void>
}

/** Starts `temporal server start-dev` on 127.0.0.1 and resolves once namespace `default` answers. */
export async function startTemporal(options: { cli?: string; namespace?: string } = {}): Promise<TemporalServer> {
  const cli = options.cli ?? temporalCliPath()
  const namespace = options.namespace ?? 'default'
  if (!existsSync(cli)) throw new Error(`Temporal CLI not found at ${cli}: run \`node scripts/setup.mjs --test\``)
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort()
    const address = `127.0.0.1:${port}`
    const child = spawn(
      cli,
      [
        'server',
        'start-dev',
        '--headless',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--namespace',
        namespace,
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    try {
      await waitFor(
        () => portOpen(port, child),
        { timeoutMs: 60_000, what: `Temporal on ${address}` },
        () => stderr,
      )
      // The frontend port opens before every service is serving; a namespace lookup proves it answers requests.
      await waitFor(() => namespaceAnswers(cli, address, namespace), {
        timeoutMs: 60_000,
        what: `namespace ${namespace} on ${address}`,
      })
      return { address, namespace, pid: child.pid ?? 0, stop: () => stopChild(child, 'SIGTERM') }
    } catch (error) {
      lastError = error
      await stopChild(child, 'SIGTERM')
      if (!/address already in use|bind/i.test(stderr)) break
    }
  }
  throw lastError
}

function portOpen(port: number, child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null) throw new Error(`temporal exited with code ${child.exitCode}`)
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function namespaceAnswers(cli: string, address: string, namespace: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      cli,
      ['operator', 'namespace', 'describe', '--namespace', namespace, '--address', address],
      { timeout: 10_000 },
      (error) => resolve(error === null),
    )
  })
}
