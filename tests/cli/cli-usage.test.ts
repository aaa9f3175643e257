import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { cleanupTempDirs, copyToTemp, examplesDir, hasStackTrace, repoRoot, runCli } from './run-cli'

const commandNames = ['new', 'add-api', 'validate', 'fmt', 'hash', 'pack', 'unpack']

// Each test runs the real CLI several times; on a loaded 2-core machine one run can take seconds.
vi.setConfig({ testTimeout: 240_000 })
afterAll(cleanupTempDirs)

function runWith(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // npx and npm run put node_modules/.bin first on PATH, which is how they pick Node 22 over the system's Node.
  const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`
  return new Promise((resolvePromise) => {
    execFile(file, args, { cwd: repoRoot, env: { ...process.env, PATH: path } }, (error, stdout, stderr) => {
      resolvePromise({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr })
    })
  })
}

describe('backplane entry points', () => {
  it('npx backplane --help lists every command', async () => {
    const result = await runWith('npx', ['--no-install', 'backplane', '--help'])
    expect(result.code).toBe(0)
    for (const name of commandNames) expect(result.stdout).toContain(`  ${name} `)
  })

  it('npm run backplane -- --help works from the repository', async () => {
    const result = await runWith('npm', ['run', '--silent', 'backplane', '--', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: backplane <command>')
  })

  it('re-runs itself on Node 22 when started with an older node', async () => {
    const result = await runWith('/usr/bin/node', [join(repoRoot, 'bin', 'backplane.mjs'), '--version'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe('help and usage errors (exit 2)', () => {
  it('every command has --help (exit 0) naming its usage', async () => {
    for (const name of commandNames) {
      const result = await runCli([name, '--help'])
      expect(result.code, name).toBe(0)
      expect(result.stdout).toContain(`Usage: backplane ${name}`)
      expect(result.stdout).toContain('Exit codes: 0 ok, 1 invalid input, 2 usage error.')
    }
  })

  it('help <command> prints that command’s help', async () => {
    const result = await runCli(['help', 'pack'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: backplane pack <dir> --output <file>')
  })

  it('no arguments prints the help on stderr and exits 2', async () => {
    const result = await runCli([])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Commands:')
  })

  it('an unknown command exits 2 with a suggestion', async () => {
    const result = await runCli(['valdate', 'x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('backplane: unknown command "valdate"')
    expect(result.stderr).toContain('did you mean "validate"?')
  })

  it('an unknown flag exits 2 naming the flag and the command’s help', async () => {
    const result = await runCli(['validate', 'examples/shop', '--strict'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('backplane: validate: unknown option --strict')
    expect(result.stderr).toContain('hint: see: backplane validate --help')
  })

  it('a missing argument exits 2', async () => {
    const result = await runCli(['add-api', 'examples/shop'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('add-api: missing argument <spec-file>')
  })

  it('an extra argument exits 2', async () => {
    const result = await runCli(['hash', 'examples/shop', 'examples/chat'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('hash: unexpected argument "examples/chat"')
  })

  it('a missing required option exits 2', async () => {
    const result = await runCli(['pack', 'examples/shop'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('pack: missing option --output <file>')
  })

  it('a string option without a value exits 2', async () => {
    const result = await runCli(['unpack', 'x.yjs', '-o'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unpack: ')
    expect(hasStackTrace(result.stderr)).toBe(false)
  })

  it('a file-system failure on output is a located input error, not a crash', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    const result = await runCli(['pack', dir, '-o', join(dir, 'apis')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('apis')
    expect(result.stderr).not.toContain('internal error')
    expect(hasStackTrace(result.stderr)).toBe(false)
  })
})
