import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exportProject, importProject } from '../../lib/doc'
import { oasExamples } from '../fixtures/specs/oas-examples'
import { brokenSpecFixtures, readSpecFixture, validAsyncApiFixtures } from '../fixtures/specs/spec-fixtures'
import { firstLawDifference, fmtFiles, specPathsOf } from './fmt-files'

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

const oasFiles = oasExamples()
const asyncFiles = validAsyncApiFixtures.map((name) => ({ name, ...readSpecFixture(name) }))
// Broken and legacy fixtures too: an invalid spec must still come back as fmt leaves it (nothing is lost).
const otherFiles = [...brokenSpecFixtures, 'asyncapi-2.6-legacy.yaml'].map((name) => ({
  name,
  ...readSpecFixture(name),
}))

describe('the law on real specs', () => {
  it('enumerates the @readme/oas-examples 3.0/3.1 corpus and the AsyncAPI 3.x fixtures', () => {
    expect(oasFiles.length).toBeGreaterThan(50)
    expect(asyncFiles.length).toBeGreaterThan(0)
  })

  it.each(oasFiles.map((e) => [e.name, e] as const))('@readme/oas-examples %s', (_name, example) => {
    expect(lawDifference(projectAround(example.path, example.text))).toBeUndefined()
  })

  it.each(asyncFiles.map((e) => [e.name, e] as const))('AsyncAPI fixture %s', (_name, fixture) => {
    expect(lawDifference(projectAround(fixture.path, fixture.text))).toBeUndefined()
  })

  it.each(otherFiles.map((e) => [e.name, e] as const))(
    'broken or legacy fixture %s comes back as fmt leaves it',
    (_name, fixture) => {
      expect(lawDifference(projectAround(fixture.path, fixture.text))).toBeUndefined()
    },
  )
})
