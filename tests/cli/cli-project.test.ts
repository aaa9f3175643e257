import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { cleanupTempDirs, copyToTemp, examplesDir, folderContents, hasStackTrace, runCli, tempDir } from './run-cli'

// Each test runs the real CLI several times; on a loaded 2-core machine one run can take seconds.
vi.setConfig({ testTimeout: 240_000 })
afterAll(cleanupTempDirs)

type Json = { [key: string]: unknown }
async function readJson(path: string): Promise<Json> {
  return JSON.parse(await readFile(path, 'utf8')) as Json
}

describe('new', () => {
  it('creates backplane.json with a fresh id, canvas.json and the empty folders; the result is valid and canonical', async () => {
    const dir = join(await tempDir(), 'shop')
    const result = await runCli(['new', dir, '--name', 'Online shop'])
    expect(result.code).toBe(0)
    const manifest = await readJson(join(dir, 'backplane.json'))
    expect(manifest.format).toBe('backplane.project/v1')
    expect(manifest.id).toMatch(/^prj_[0-9a-zA-Z]{16,32}$/)
    expect(manifest.name).toBe('Online shop')
    expect(manifest.apis).toEqual({})
    expect((await readJson(join(dir, 'canvas.json'))).format).toBe('backplane.canvas/v1')
    for (const folder of ['apis', 'processes', 'infra/databases', 'infra/queues']) {
      expect((await stat(join(dir, folder))).isDirectory(), folder).toBe(true)
    }
    expect(result.stdout).toContain(`(${String(manifest.id)})`)
    expect((await runCli(['validate', dir])).code).toBe(0)
    expect((await runCli(['fmt', dir, '--check'])).code).toBe(0)
  })

  it('gives every project a different id and defaults the name to the folder name', async () => {
    const base = await tempDir()
    await runCli(['new', join(base, 'one')])
    await runCli(['new', join(base, 'two')])
    const one = await readJson(join(base, 'one', 'backplane.json'))
    const two = await readJson(join(base, 'two', 'backplane.json'))
    expect(one.id).not.toBe(two.id)
    expect(one.name).toBe('one')
  })

  it('accepts an existing empty folder', async () => {
    const dir = await tempDir()
    expect((await runCli(['new', dir])).code).toBe(0)
  })

  it('a folder that cannot be created is a located input error (exit 1), not a crash', async () => {
    const base = await tempDir()
    await writeFile(join(base, 'file.txt'), 'x\n')
    const result = await runCli(['new', join(base, 'file.txt', 'shop')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(join(base, 'file.txt'))
    expect(result.stderr).not.toContain('internal error')
    expect(hasStackTrace(result.stderr)).toBe(false)
  })

  it('refuses a non-empty folder (exit 1) and changes nothing in it', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'notes.txt'), 'mine\n')
    const result = await runCli(['new', dir])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${dir}: folder is not empty`)
    expect(Object.keys(await folderContents(dir))).toEqual(['notes.txt'])
  })
})

describe('validate', () => {
  it('reports a missing folder (exit 1)', async () => {
    const result = await runCli(['validate', 'no/such/project'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('backplane: no/such/project: no such directory')
    expect(hasStackTrace(result.stderr)).toBe(false)
  })

  it('reports bad JSON with file:line:column, rule and hint (exit 1)', async () => {
    const dir = await copyToTemp(join(examplesDir, 'shop'))
    const path = join(dir, 'processes', 'get-order.process.json')
    const text = await readFile(path, 'utf8')
    // Line 3 loses its trailing comma.
    const lines = text.split('\n')
    lines[2] = (lines[2] ?? '').replace(/,$/, '')
    await writeFile(path, lines.join('\n'))
    const result = await runCli(['validate', dir])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^processes\/get-order\.process\.json:4:\d+ error json\.syntax /m)
    expect(result.stdout).toContain('  hint: ')
    expect(result.stdout).toMatch(/invalid — \d+ errors?/)
  })

  it('--json prints the Problem array', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    const path = join(dir, 'infra', 'databases', 'chat-db.database.json')
    const db = await readJson(path)
    db.type = 'spreadsheet'
    await writeFile(path, `${JSON.stringify(db, null, 2)}\n`)
    const result = await runCli(['validate', dir, '--json'])
    expect(result.code).toBe(1)
    const problems = JSON.parse(result.stdout) as Json[]
    const problem = problems.find((p) => p.file === 'infra/databases/chat-db.database.json' && p.pointer === '/type')
    expect(problem).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) })
    expect(typeof problem?.rule).toBe('string')
    expect(typeof problem?.hint).toBe('string')
  })

  it('reports a file Backplane does not know, by name', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    await writeFile(join(dir, 'processes', 'notes.md'), '# ideas\n')
    const result = await runCli(['validate', dir, '--json'])
    const problems = JSON.parse(result.stdout) as Json[]
    expect(problems.some((p) => p.file === 'processes/notes.md')).toBe(true)
  })

  it('reports a file that is not UTF-8 text', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    await writeFile(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]))
    const result = await runCli(['validate', dir])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^logo\.png error file\.not-utf8 /m)
  })

  it('skips .git and node_modules', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    await mkdir(join(dir, '.git'), { recursive: true })
    await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    await mkdir(join(dir, 'node_modules', 'x'), { recursive: true })
    await writeFile(join(dir, 'node_modules', 'x', 'index.js'), '\u0000')
    const result = await runCli(['validate', dir, '--json'])
    expect(result.code).toBe(0)
    const problems = JSON.parse(result.stdout) as Json[]
    expect(
      problems.filter((p) => String(p.file).startsWith('.git') || String(p.file).startsWith('node_modules')),
    ).toEqual([])
  })
})

describe('fmt', () => {
  it('--check lists non-canonical files and exits 1; fmt rewrites them; unknown files are untouched', async () => {
    const dir = await copyToTemp(join(examplesDir, 'shop'))
    const queue = join(dir, 'infra', 'queues', 'fulfilment.queue.json')
    const canonical = await readFile(queue, 'utf8')
    const parsed = JSON.parse(canonical) as Json
    // Reversed keys, 4-space indent, no trailing newline: same content, not canonical.
    const reversed = Object.fromEntries(Object.entries(parsed).reverse())
    await writeFile(queue, JSON.stringify(reversed, null, 4))
    await writeFile(join(dir, 'NOTES.txt'), 'keep   me\r\n')

    const check = await runCli(['fmt', dir, '--check'])
    expect(check.code).toBe(1)
    expect(check.stdout).toBe('infra/queues/fulfilment.queue.json\n')
    expect(await readFile(queue, 'utf8')).not.toBe(canonical)

    const fmt = await runCli(['fmt', dir])
    expect(fmt.code).toBe(0)
    expect(fmt.stdout).toContain('formatted infra/queues/fulfilment.queue.json')
    expect(await readFile(queue, 'utf8')).toBe(canonical)
    expect(await readFile(join(dir, 'NOTES.txt'), 'utf8')).toBe('keep   me\r\n')
    expect((await runCli(['fmt', dir, '--check'])).code).toBe(0)
  })

  it('leaves a file that does not parse as it is, reports it located, and exits 1', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    const path = join(dir, 'canvas.json')
    await writeFile(path, '{ "format": "backplane.canvas/v1", ')
    const result = await runCli(['fmt', dir])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^canvas\.json:1:\d+ error json\.syntax /m)
    expect(await readFile(path, 'utf8')).toBe('{ "format": "backplane.canvas/v1", ')
  })

  it('reports a missing folder (exit 1)', async () => {
    const result = await runCli(['fmt', 'no/such/dir', '--check'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no/such/dir: no such directory')
  })
})

describe('hash', () => {
  function parseHashes(stdout: string): Record<string, string> {
    return Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => {
          const [identity = '', path = ''] = line.split('  ')
          return [path, identity]
        }),
    )
  }

  it('prints an identity per file and the project identity; formatting does not change them, content does', async () => {
    const dir = await copyToTemp(join(examplesDir, 'shop'))
    const first = await runCli(['hash', dir])
    expect(first.code).toBe(0)
    const before = parseHashes(first.stdout)
    expect(Object.keys(before)).toContain('processes/create-order.process.json')
    expect(Object.keys(before)).toContain('(project)')
    for (const identity of Object.values(before)) expect(identity).toMatch(/[0-9a-f]{64}/)

    const queue = join(dir, 'infra', 'queues', 'fulfilment.queue.json')
    const value = await readJson(queue)
    await writeFile(queue, JSON.stringify(value, null, 4))
    const reformatted = parseHashes((await runCli(['hash', dir])).stdout)
    expect(reformatted).toEqual(before)

    const canvas = join(dir, 'canvas.json')
    const layout = await readJson(canvas)
    ;(layout.canvases as Json).overview = { viewport: { x: 5, y: 5, zoom: 2 }, positions: {}, groups: {} }
    await writeFile(canvas, `${JSON.stringify(layout, null, 2)}\n`)
    const moved = parseHashes((await runCli(['hash', dir])).stdout)
    expect(moved['canvas.json']).not.toBe(before['canvas.json'])
    expect(moved['(project)']).toBe(before['(project)'])

    value.description = 'Changed.'
    await writeFile(queue, `${JSON.stringify(value, null, 2)}\n`)
    const changed = parseHashes((await runCli(['hash', dir])).stdout)
    expect(changed['infra/queues/fulfilment.queue.json']).not.toBe(before['infra/queues/fulfilment.queue.json'])
    expect(changed['(project)']).not.toBe(before['(project)'])
  })

  it('--json prints files and project', async () => {
    const result = await runCli(['hash', join(examplesDir, 'chat'), '--json'])
    expect(result.code).toBe(0)
    const parsed = JSON.parse(result.stdout) as { files: Record<string, string>; project: string }
    expect(Object.keys(parsed.files)).toContain('backplane.json')
    expect(parsed.project).toMatch(/[0-9a-f]{64}/)
  })

  it('a file that does not parse has no identity: located error, exit 1', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    await writeFile(join(dir, 'backplane.json'), '{"format": ')
    const result = await runCli(['hash', dir])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^backplane\.json:1:\d+ error /m)
  })
})

describe('pack and unpack', () => {
  it('keeps a file Backplane does not know through pack and unpack', async () => {
    const dir = await copyToTemp(join(examplesDir, 'webhooks'))
    await writeFile(join(dir, 'README.md'), '# Webhooks\n\nHow we ingest.\n')
    const update = join(await tempDir(), 'webhooks.yjs')
    expect((await runCli(['pack', dir, '-o', update])).code).toBe(0)
    const out = join(await tempDir(), 'out')
    expect((await runCli(['unpack', update, '-o', out])).code).toBe(0)
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('# Webhooks\n\nHow we ingest.\n')
  })

  it('packs an invalid design and a file that does not parse, keeping that file verbatim', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    const broken = '{ "format": "backplane.process/v1", "nodes": '
    await writeFile(join(dir, 'processes', 'draft.process.json'), broken)
    const update = join(await tempDir(), 'chat.yjs')
    const packed = await runCli(['pack', dir, '-o', update])
    expect(packed.code).toBe(0)
    expect(packed.stderr).toMatch(/^processes\/draft\.process\.json:1:\d+ error json\.syntax /m)
    const out = join(await tempDir(), 'out')
    expect((await runCli(['unpack', update, '-o', out])).code).toBe(0)
    expect(await readFile(join(out, 'processes', 'draft.process.json'), 'utf8')).toBe(broken)
  })

  it('refuses to pack a folder with a binary file rather than drop it', async () => {
    const dir = await copyToTemp(join(examplesDir, 'chat'))
    await writeFile(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0xff, 0xfe]))
    const result = await runCli(['pack', dir, '-o', join(await tempDir(), 'x.yjs')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('logo.png: not a UTF-8 text file')
  })

  it('unpack refuses a non-empty folder without --force; --force makes it equal the project', async () => {
    const update = join(await tempDir(), 'chat.yjs')
    expect((await runCli(['pack', join(examplesDir, 'chat'), '-o', update])).code).toBe(0)
    const out = await tempDir()
    await mkdir(join(out, 'processes'), { recursive: true })
    await writeFile(join(out, 'processes', 'stale.process.json'), '{}\n')
    await mkdir(join(out, '.git'))
    await writeFile(join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    await writeFile(join(out, '.gitignore'), 'node_modules/\n')

    const refused = await runCli(['unpack', update, '-o', out])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`${out}: folder is not empty`)
    expect(refused.stderr).toContain('--force')

    const forced = await runCli(['unpack', update, '-o', out, '--force'])
    expect(forced.code).toBe(0)
    expect(forced.stdout).toContain('removed processes/stale.process.json')
    const contents = await folderContents(out)
    expect(contents['.git/HEAD']).toBe('ref: refs/heads/main\n')
    expect(contents['.gitignore']).toBe('node_modules/\n')
    delete contents['.git/HEAD']
    delete contents['.gitignore']
    expect(contents).toEqual(await folderContents(join(examplesDir, 'chat')))
  })

  it('a file that is not a Yjs update is a clear error (exit 1)', async () => {
    const dir = await tempDir()
    const garbage = join(dir, 'garbage.yjs')
    await writeFile(garbage, Buffer.from('this is not a yjs update at all, just text\n'))
    const result = await runCli(['unpack', garbage, '-o', join(dir, 'out')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${garbage}: `)
    expect(result.stderr).toContain('hint: pass a file written by: backplane pack <dir> -o <file>')
    expect(hasStackTrace(result.stderr)).toBe(false)
    await expect(stat(join(dir, 'out'))).rejects.toThrow()
  })

  it('an empty file and a valid update of an empty document are clear errors (exit 1)', async () => {
    const dir = await tempDir()
    const empty = join(dir, 'empty.yjs')
    await writeFile(empty, Buffer.alloc(0))
    const a = await runCli(['unpack', empty, '-o', join(dir, 'a')])
    expect(a.code).toBe(1)
    expect(a.stderr).toContain(`${empty}: `)
    // Y.encodeStateAsUpdate(new Y.Doc()): a well-formed update with nothing in it.
    const blank = join(dir, 'blank.yjs')
    await writeFile(blank, Buffer.from([0, 0]))
    const b = await runCli(['unpack', blank, '-o', join(dir, 'b')])
    expect(b.code).toBe(1)
    expect(b.stderr).toContain('not a Backplane design document')
  })

  it('a missing update file is exit 1', async () => {
    const result = await runCli(['unpack', 'no-such.yjs', '-o', join(await tempDir(), 'out')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no-such.yjs: no such file')
  })

  it('pack of a missing folder is exit 1', async () => {
    const result = await runCli(['pack', 'no/such/dir', '-o', join(await tempDir(), 'x.yjs')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no/such/dir: no such directory')
  })
})
