import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli'
import { smallProject } from './small-project'

async function writeFolder(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
}

describe('backplane diff <dirA> <dirB> (the real CLI, as a child process)', () => {
  let root: string
  const v1 = smallProject()
  const spec = v1['apis/orders.openapi.yaml'] ?? ''

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'backplane-diff-'))
    await writeFolder(join(root, 'v1'), v1)
    await writeFolder(join(root, 'same'), v1)
    // Non-breaking: a new optional response field.
    await writeFolder(join(root, 'additive'), {
      ...v1,
      'apis/orders.openapi.yaml': spec.replace(
        '                  id:\n',
        '                  note:\n                    type: string\n                  id:\n',
      ),
    })
    // Breaking: a response field goes.
    await writeFolder(join(root, 'breaking'), {
      ...v1,
      'apis/orders.openapi.yaml': spec.replace('                  id:\n                    type: string\n', ''),
    })
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('exits 0 and says so when nothing changed', async () => {
    const result = await runCli(['diff', join(root, 'v1'), join(root, 'same')])
    expect(result).toMatchObject({ code: 0, stdout: 'no changes\n' })
  })

  it('exits 0 for changes that break no consumer', async () => {
    const result = await runCli(['diff', join(root, 'v1'), join(root, 'additive')])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('+ operation GET /orders/{orderId}: field response 200.note added')
    expect(result.stdout).toContain('1 change, 0 breaking')
  })

  it('exits 1 and marks breaking changes; --json prints the same diff as data', async () => {
    const text = await runCli(['diff', join(root, 'v1'), join(root, 'breaking')])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('BREAKING (response-field-removed)')
    const json = await runCli(['diff', join(root, 'v1'), join(root, 'breaking'), '--json'])
    expect(json.code).toBe(1)
    const diff = JSON.parse(json.stdout) as { breaking: number; changes: { breaking?: string; field?: string }[] }
    expect(diff.breaking).toBe(1)
    expect(diff.changes.map((c) => [c.field, c.breaking])).toEqual([['response 200.id', 'response-field-removed']])
  })

  it('exits 2 on a usage error', async () => {
    const result = await runCli(['diff', join(root, 'v1')])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('backplane diff')
  })
})
