import { type ChildProcess, spawn } from 'node:child_process'
import type { TestProject } from 'vitest/node'
import { startPostgres } from '../harness/postgres'
import { startTemporal } from '../harness/temporal'
import { ENV_POSTGRES_URL, ENV_TEMPORAL_ADDRESS } from './server-env'

/**
 * Starts one real PostgreSQL server and one Temporal dev server for the whole run (in parallel: the slower one sets
 * the cost), hands their addresses to test files through `provide` and environment variables (forked workers
 * inherit them), and stops both at the end. Set BACKPLANE_TEST_POSTGRES_URL / BACKPLANE_TEST_TEMPORAL_ADDRESS
 * beforehand to use servers of your own instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ownPostgres = process.env[ENV_POSTGRES_URL]
  const ownTemporal = process.env[ENV_TEMPORAL_ADDRESS]
  const [postgres, temporal] = await Promise.allSettled([
    ownPostgres === undefined ? startPostgres() : Promise.resolve(undefined),
    ownTemporal === undefined ? startTemporal() : Promise.resolve(undefined),
  ])
  const started = [postgres, temporal].flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []))
  let watcher: ChildProcess | undefined
  const teardown = async () => {
    watcher?.kill()
    await Promise.all(started.map((server) => server.stop()))
  }
  const failure = [postgres, temporal].find((r) => r.status === 'rejected')
  if (failure !== undefined) {
    await teardown()
    throw failure.reason
  }
  const postgresUrl = ownPostgres ?? (postgres.status === 'fulfilled' ? postgres.value?.url : undefined) ?? ''
  const temporalAddress = ownTemporal ?? (temporal.status === 'fulfilled' ? temporal.value?.address : undefined) ?? ''
  process.env[ENV_POSTGRES_URL] = postgresUrl
  process.env[ENV_TEMPORAL_ADDRESS] = temporalAddress
  project.provide('backplanePostgresUrl', postgresUrl)
  project.provide('backplaneTemporalAddress', temporalAddress)
  watcher = reapIfOrphaned(
    process.pid,
    started.map((server) => server.pid),
    started.flatMap((server) => ('dataDir' in server ? [server.dataDir] : [])),
  )
  return teardown
}

// If vitest itself is killed (SIGKILL, a closed terminal) no teardown runs; a detached watcher then stops the
// servers so they do not pile up on a shared machine, waits up to 30 s for them to exit and removes the PostgreSQL
// data dir. Normal teardown kills the watcher first, so it never signals a pid that has since been reused.
function reapIfOrphaned(parentPid: number, pids: number[], dirs: string[]): ChildProcess | undefined {
  if (pids.length === 0) return undefined
  const list = pids.join(' ')
  const script = [
    `while kill -0 ${parentPid} 2>/dev/null; do sleep 2; done`,
    `kill -INT ${list} 2>/dev/null`,
    `n=0; for p in ${list}; do while kill -0 $p 2>/dev/null && [ $n -lt 30 ]; do sleep 1; n=$((n+1)); done; done`,
    ...dirs.map((dir) => `rm -rf '${dir}'`),
  ].join('; ')
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' })
  child.unref()
  return child
}
