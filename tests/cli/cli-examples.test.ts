import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanupTempDirs, examplesDir, folderContents, runCli, tempDir } from './run-cli'

const examples = ['shop', 'webhooks', 'chat']

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

  it('round-trips through pack and unpack byte for byte', async () => {
    const work = await tempDir()
    const update = join(work, `${name}.yjs`)
    const packed = await runCli(['pack', dir, '-o', update])
    expect(packed.code).toBe(0)
    const out = join(work, 'out')
    const unpacked = await runCli(['unpack', update, '-o', out])
    expect(unpacked.code).toBe(0)
    expect(await folderContents(out)).toEqual(await folderContents(dir))
  })

  it('hashes deterministically, and the unpacked copy has the same project identity', async () => {
    const first = await runCli(['hash', dir])
    expect(first.code).toBe(0)
    expect((await runCli(['hash', dir])).stdout).toBe(first.stdout)
    const work = await tempDir()
    await runCli(['pack', dir, '-o', join(work, 'p.yjs')])
    await runCli(['unpack', join(work, 'p.yjs'), '-o', join(work, 'out')])
    const copy = await runCli(['hash', join(work, 'out')])
    expect(copy.stdout).toBe(first.stdout)
  })
})
