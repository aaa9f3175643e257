import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { cleanupTempDirs, examplesDir, folderContents, runCli, tempDir } from './run-cli'

const examples = ['shop', 'webhooks', 'chat']

// Each test runs the real CLI several times; on a loaded 2-core machine one run can take seconds.
vi.setConfig({ testTimeout: 240_000 })
afterAll(cleanupTempDirs)

describe.each(examples)('examples/%s', (name) => {
  const dir = join(examplesDir, name)

  it('validates with no errors and no warnings', async () => {
    const result = await runCli(['validate', dir, '--json'])
    const problems = JSON.parse(result.stdout) as { severity: string; file?: string; message: string }[]
    expect(problems.filter((p) => p.severity !== 'info')).toEqual([])
    expect(result.code).toBe(0)
  })

  it('is fmt --check clean', async () => {
    const result = await runCli(['fmt', dir, '--check'])
    expect(result.stdout).toBe('')
    expect(result.code).toBe(0)
  })

  it('round-trips through pack and unpack byte for byte, with the same identities', async () => {
    const work = await tempDir()
    const update = join(work, `${name}.yjs`)
    const packed = await runCli(['pack', dir, '-o', update])
    expect(packed.code).toBe(0)
    expect(packed.stderr).toBe('')
    const out = join(work, 'out')
    const unpacked = await runCli(['unpack', update, '-o', out])
    expect(unpacked.code).toBe(0)
    expect(await folderContents(out)).toEqual(await folderContents(dir))
    const [original, copy] = await Promise.all([runCli(['hash', dir]), runCli(['hash', out])])
    expect(original.code).toBe(0)
    expect(copy.stdout).toBe(original.stdout)
  })
})
