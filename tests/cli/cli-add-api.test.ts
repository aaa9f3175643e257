import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { cleanupTempDirs, fixturesDir, folderContents, hasStackTrace, runCli, tempDir } from './run-cli'

const specs = join(fixturesDir, 'specs')

type Json = { [key: string]: unknown }
type Manifest = { apis: Record<string, { id: string; type: string; file: string }> }

// Each test runs the real CLI several times; on a loaded 2-core machine one run can take seconds.
vi.setConfig({ testTimeout: 240_000 })
afterAll(cleanupTempDirs)

/** A fresh project made by `backplane new`. */
async function newProject(): Promise<string> {
  const dir = join(await tempDir(), 'project')
  const result = await runCli(['new', dir])
  expect(result.code).toBe(0)
  return dir
}

async function manifestOf(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'backplane.json'), 'utf8')) as Manifest
}

/** An import that fails must leave the project exactly as it was. */
async function expectRefusedUnchanged(args: string[], dir: string): Promise<{ stdout: string; stderr: string }> {
  const before = await folderContents(dir)
  const result = await runCli(args)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('nothing written')
  expect(hasStackTrace(result.stderr)).toBe(false)
  expect(await folderContents(dir)).toEqual(before)
  return result
}

describe('add-api: imports', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await newProject()
  })

  it('a JSON OpenAPI 3.1 document stays JSON, gets a new id in the manifest, and the project stays valid', async () => {
    const result = await runCli(['add-api', dir, join(specs, 'pets.openapi.json')])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/added REST surface "pets" \(api_[0-9a-zA-Z]+\): apis\/pets\.openapi\.json/)
    const manifest = await manifestOf(dir)
    expect(manifest.apis.pets).toMatchObject({ type: 'rest', file: 'apis/pets.openapi.json' })
    expect(manifest.apis.pets?.id).toMatch(/^api_[0-9a-zA-Z]{16,32}$/)
    const written = await readFile(join(dir, 'apis', 'pets.openapi.json'), 'utf8')
    expect(written).toBe(await readFile(join(specs, 'pets.openapi.json'), 'utf8'))
    expect((await runCli(['fmt', dir, '--check'])).code).toBe(0)
  })

  it('Swagger 2.0 is converted to OpenAPI 3 and the conversion report is printed', async () => {
    const result = await runCli(['add-api', dir, join(specs, 'swagger2.yaml'), '--name', 'legacy-pets'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('info spec.import.converted Converted Swagger 2.0 to OpenAPI 3.0')
    expect(result.stdout).toContain('definitions (1) → components/schemas')
    const doc = parse(await readFile(join(dir, 'apis', 'legacy-pets.openapi.yaml'), 'utf8')) as Json
    expect(String(doc.openapi)).toMatch(/^3\.0\./)
    expect(doc.swagger).toBeUndefined()
    expect((doc.components as Json).schemas).toHaveProperty('Pet')
    expect((await manifestOf(dir)).apis['legacy-pets']?.type).toBe('rest')
  })

  it('AsyncAPI 2.x is converted to 3.0 and reported; the surface is an event surface', async () => {
    const result = await runCli(['add-api', dir, join(specs, 'asyncapi2.yaml'), '--name', 'signups'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Converted AsyncAPI 2.6.0 to AsyncAPI 3.0.0')
    const doc = parse(await readFile(join(dir, 'apis', 'signups.asyncapi.yaml'), 'utf8')) as Json
    expect(doc.asyncapi).toBe('3.0.0')
    expect(doc.operations).toBeDefined()
    expect((await manifestOf(dir)).apis.signups).toMatchObject({ type: 'event', file: 'apis/signups.asyncapi.yaml' })
  })

  it('external $refs are bundled into the one file, and the import lists the files', async () => {
    const result = await runCli(['add-api', dir, join(specs, 'external', 'catalog.openapi.yaml')])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('info spec.import.bundled Bundled 2 external $ref(s)')
    expect(result.stdout).toContain('schemas/product.yaml')
    expect(result.stdout).toContain('schemas/money.yaml')
    const text = await readFile(join(dir, 'apis', 'catalog.openapi.yaml'), 'utf8')
    const refs = [...text.matchAll(/\$ref: "?([^"\n]+)"?/g)].map((m) => m[1] ?? '')
    expect(refs.length).toBeGreaterThan(0)
    for (const ref of refs) expect(ref.startsWith('#/')).toBe(true)
  })

  it('YAML comments are warned about (they cannot survive editing), and the import goes on', async () => {
    const result = await runCli(['add-api', dir, join(specs, 'commented.yaml'), '--name', 'inventory'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/commented\.yaml:1:1 warning spec\.yaml\.comments .*2 YAML comments/)
    expect((await manifestOf(dir)).apis.inventory?.file).toBe('apis/inventory.openapi.yaml')
  })

  it('the project validates after every import', async () => {
    const result = await runCli(['validate', dir])
    expect(result.stdout).not.toMatch(/ error /)
    expect(result.code).toBe(0)
  })
})

describe('add-api: refusals write nothing', () => {
  it('a missing external $ref: located at the $ref (exit 1)', async () => {
    const dir = await newProject()
    const result = await expectRefusedUnchanged(['add-api', dir, join(specs, 'missing-ref.yaml')], dir)
    expect(result.stderr).toMatch(
      /missing-ref\.yaml:15:17 error spec\.ref\.missing-file \$ref "\.\/schemas\/thing\.yaml"/,
    )
  })

  it('a spec that breaks its specification: every problem located (exit 1)', async () => {
    const dir = await newProject()
    const result = await expectRefusedUnchanged(['add-api', dir, join(specs, 'invalid-openapi.yaml')], dir)
    expect(result.stderr).toMatch(/invalid-openapi\.yaml:2:1 error openapi\.schema .*version/)
    expect(result.stderr).toMatch(/invalid-openapi\.yaml:9:9 error openapi\.schema .*description/)
  })

  it('a YAML file that is no API document (exit 1)', async () => {
    const dir = await newProject()
    const result = await expectRefusedUnchanged(['add-api', dir, join(specs, 'not-a-spec.yaml')], dir)
    expect(result.stderr).toMatch(/not-a-spec\.yaml:1:1 error spec\.kind /)
    expect(result.stderr).toContain('hint: Add `openapi: 3.1.0`')
  })

  it('a JSON syntax error, with line and column (exit 1)', async () => {
    const dir = await newProject()
    const result = await expectRefusedUnchanged(['add-api', dir, join(specs, 'broken-syntax.json')], dir)
    expect(result.stderr).toMatch(/broken-syntax\.json:\d+:\d+ error spec\.syntax /)
  })

  it('an unsupported version is refused with how to convert (exit 1)', async () => {
    const dir = await newProject()
    const old = join(await tempDir(), 'old.yaml')
    await writeFile(old, 'openapi: 2.5.0\ninfo:\n  title: Old\n  version: 1.0.0\npaths: {}\n')
    const result = await expectRefusedUnchanged(['add-api', dir, old], dir)
    expect(result.stderr).toMatch(/old\.yaml:1:\d+ error /)
    expect(result.stderr).toContain('hint: ')
  })

  it('a missing spec file (exit 1)', async () => {
    const dir = await newProject()
    const result = await runCli(['add-api', dir, join(specs, 'nope.yaml')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nope.yaml: no such file')
  })

  it('a folder without backplane.json (exit 1)', async () => {
    const dir = await tempDir()
    const result = await runCli(['add-api', dir, join(specs, 'pets.openapi.json')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${dir}: no backplane.json`)
  })

  it('an invalid backplane.json is reported located, nothing written (exit 1)', async () => {
    const dir = await newProject()
    await writeFile(join(dir, 'backplane.json'), '{"format": "backplane.project/v1", "id": 7}\n')
    const result = await expectRefusedUnchanged(['add-api', dir, join(specs, 'pets.openapi.json')], dir)
    expect(result.stderr).toMatch(/^backplane\.json:1:\d+ error /m)
  })

  it('a name already taken (exit 1)', async () => {
    const dir = await newProject()
    expect((await runCli(['add-api', dir, join(specs, 'pets.openapi.json')])).code).toBe(0)
    const before = await folderContents(dir)
    const result = await runCli(['add-api', dir, join(specs, 'pets.openapi.json')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('already has an API surface named "pets"')
    expect(await folderContents(dir)).toEqual(before)
  })

  it('an invalid --name is a usage error (exit 2)', async () => {
    const dir = await newProject()
    const result = await runCli(['add-api', dir, join(specs, 'pets.openapi.json'), '--name', 'Pets API'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--name "Pets API": not a valid surface name')
  })
})
