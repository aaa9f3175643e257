import { describe, expect, it } from 'vitest'
import type { CliOutput, Command } from './command'
import { ExitCode } from './exit-code'
import { commands, main } from './main'

function capture(): { out: CliOutput; text: () => { stdout: string; stderr: string } } {
  let stdout = ''
  let stderr = ''
  return {
    out: {
      stdout: (t) => {
        stdout += t
      },
      stderr: (t) => {
        stderr += t
      },
    },
    text: () => ({ stdout, stderr }),
  }
}

const crashing: Command = {
  name: 'crash',
  summary: 'A command with a bug',
  description: 'Throws an unexpected error.',
  positionals: [],
  options: [],
  examples: [],
  run: async () => {
    throw new TypeError('cannot read properties of undefined (reading "x")\nsecond line')
  },
}

describe('main: unexpected errors', () => {
  it('prints one line and exits 70, without a stack trace', async () => {
    const c = capture()
    const code = await main(['crash'], { out: c.out, env: {}, commands: [...commands, crashing] })
    expect(code).toBe(ExitCode.internal)
    const { stderr } = c.text()
    expect(stderr.split('\n')[0]).toBe('backplane: internal error: cannot read properties of undefined (reading "x")')
    expect(stderr).not.toContain('second line')
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(stderr).toContain('BACKPLANE_DEBUG=1')
  })

  it('prints the stack with BACKPLANE_DEBUG=1', async () => {
    const c = capture()
    const code = await main(['crash'], { out: c.out, env: { BACKPLANE_DEBUG: '1' }, commands: [crashing] })
    expect(code).toBe(ExitCode.internal)
    expect(c.text().stderr).toMatch(/TypeError: cannot read properties[\s\S]*\n\s+at /)
  })
})

describe('main: dispatch', () => {
  it('--version prints the package version', async () => {
    const c = capture()
    expect(await main(['--version'], { out: c.out, env: {} })).toBe(ExitCode.ok)
    expect(c.text().stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  it('an option before the command is a usage error', async () => {
    const c = capture()
    expect(await main(['--json', 'validate'], { out: c.out, env: {} })).toBe(ExitCode.usage)
    expect(c.text().stderr).toContain('backplane: unknown option --json')
  })
})
