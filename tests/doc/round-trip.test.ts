import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exportProject, importProject } from '../../lib/doc'
import { arbitraryProject } from './arbitrary-project'
import { firstLawDifference, fmtFiles, specPathsOf } from './fmt-files'

function lawDifference(files: Record<string, string>): string | undefined {
  const { doc } = importProject(files)
  return firstLawDifference(exportProject(doc), fmtFiles(files), specPathsOf(files))
}

describe('the law exportProject(importProject(F)) == fmt(F)', () => {
  it('holds on random valid projects', () => {
    fc.assert(
      fc.property(arbitraryProject(), (files) => {
        expect(lawDifference(files)).toBeUndefined()
      }),
      { numRuns: 150 },
    )
  }, 300_000)

  it('holds after the document travels as a Yjs update (pack + unpack)', () => {
    fc.assert(
      fc.property(arbitraryProject(), (files) => {
        const { doc } = importProject(files)
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
        expect(firstLawDifference(exportProject(copy), fmtFiles(files), specPathsOf(files))).toBeUndefined()
      }),
      { numRuns: 40 },
    )
  })

  it('is idempotent: exporting an exported folder gives the same bytes', () => {
    fc.assert(
      fc.property(arbitraryProject(), (files) => {
        const once = exportProject(importProject(files).doc)
        expect(exportProject(importProject(once).doc)).toEqual(once)
      }),
      { numRuns: 40 },
    )
  })

  it('keeps files that do not parse, and files that are not ours, as fmt leaves them', () => {
    const files = {
      'backplane.json':
        '{"format":"backplane.project/v1","id":"prj_aaaaaaaaaaaaaaaa","name":"x","description":"","apis":{}}',
      'processes/broken.process.json': '{ "format": "backplane.process/v1", ',
      'README.md': '# notes\n',
      'infra/queues/list.queue.json': '[1, 2]',
    }
    const { doc, problems } = importProject(files)
    const out = exportProject(doc)
    expect(out['processes/broken.process.json']).toBe(files['processes/broken.process.json'])
    expect(out['README.md']).toBe('# notes\n')
    expect(out).toEqual(fmtFiles(files))
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual(
      expect.arrayContaining(['processes/broken.process.json', 'infra/queues/list.queue.json']),
    )
  })
})
