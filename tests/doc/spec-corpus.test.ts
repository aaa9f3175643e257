import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exportProject, importProject } from '../../lib/doc'
import { firstLawDifference, fmtFiles, specPathsOf } from './fmt-files'

const root = join(import.meta.dirname, '../../node_modules/@readme/oas-examples')
const fixtures = join(import.meta.dirname, '../fixtures/specs')

function listSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return listSpecs(path)
    return /\.(json|ya?ml)$/.test(entry.name) ? [path] : []
  })
}

/** A one-API project around a spec file, as `backplane add-api` would make it. */
function projectAround(path: string, text: string): Record<string, string> {
  const kind = /^\s*["']?asyncapi/m.test(text) ? 'asyncapi' : 'openapi'
  const ext = path.endsWith('.json') ? 'json' : 'yaml'
  const file = `apis/spec.${kind}.${ext}`
  const manifest = {
    format: 'backplane.project/v1',
    id: 'prj_0123456789abcdef',
    name: 'corpus',
    description: '',
    apis: { spec: { id: 'api_0123456789abcdef', type: kind === 'asyncapi' ? 'event' : 'rest', file } },
  }
  return { 'backplane.json': JSON.stringify(manifest), [file]: text }
}

function lawDifference(files: Record<string, string>): string | undefined {
  const { doc } = importProject(files)
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const expected = fmtFiles(files)
  return (
    firstLawDifference(exportProject(doc), expected, specPathsOf(files)) ??
    firstLawDifference(exportProject(copy), expected, specPathsOf(files))
  )
}

const oasFiles = [...listSpecs(join(root, '3.0')), ...listSpecs(join(root, '3.1'))]
const asyncFiles = listSpecs(fixtures).filter((p) => /asyncapi/i.test(readFileSync(p, 'utf8').slice(0, 2000)))

describe('the law on real specs', () => {
  it('enumerates the @readme/oas-examples 3.0/3.1 corpus and the AsyncAPI 3.x fixtures', () => {
    expect(oasFiles.length).toBeGreaterThan(50)
    expect(asyncFiles.length).toBeGreaterThan(0)
  })

  it.each(oasFiles.map((p) => [p.slice(root.length + 1), p]))('@readme/oas-examples %s', (_name, path) => {
    expect(lawDifference(projectAround(path, readFileSync(path, 'utf8')))).toBeUndefined()
  })

  it.each(asyncFiles.map((p) => [p.slice(fixtures.length + 1), p]))('AsyncAPI fixture %s', (_name, path) => {
    expect(lawDifference(projectAround(path, readFileSync(path, 'utf8')))).toBeUndefined()
  })
})
