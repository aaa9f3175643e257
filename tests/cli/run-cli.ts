import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const binPath = join(repoRoot, 'bin', 'backplane.mjs')
export const fixturesDir = join(repoRoot, 'tests', 'cli', 'fixtures')
export const examplesDir = join(repoRoot, 'examples')

export type CliResult = { code: number; stdout: string; stderr: string }

/**
 * Runs the real CLI (bin/backplane.mjs) as a child process on this test's Node (22, from node_modules/.bin), the
 * way a user does. Never rejects: the exit code is part of what the tests assert.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: { ...process.env, BACKPLANE_DEBUG: '', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolvePromise({ code, stdout, stderr })
      },
    )
  })
}

/** A fresh temporary folder; `cleanup()` removes every one made. */
const made: string[] = []
export async function tempDir(prefix = 'backplane-cli-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
export async function cleanupTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

/** A copy of an example or fixture folder in a temp dir, so a test may change it. */
export async function copyToTemp(source: string): Promise<string> {
  const dir = join(await tempDir(), 'project')
  await cp(source, dir, { recursive: true })
  return dir
}

/** Every file under `dir` as { relative POSIX path: bytes as text } — to compare two folders byte for byte. */
export async function folderContents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) await walk(path)
      else out[relative(dir, path).split('\\').join('/')] = await readFile(path, 'latin1')
    }
  }
  await walk(dir)
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Asserts no stack trace leaked into user-facing output (a bug would show "    at " frames). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.+:\d+:\d+\)/.test(text) || /\n\s+at file:\/\//.test(text)
}
