import { describe, expect, it } from 'vitest'
import { documentName, parseDocumentName } from './document-name'

describe('document names', () => {
  it('round-trip <projectId>/<doc>', () => {
    expect(parseDocumentName(documentName({ projectId: 'prj_abc', doc: 'discussion' }))).toEqual({
      projectId: 'prj_abc',
      doc: 'discussion',
    })
  })

  it('refuse anything else', () => {
    for (const name of [
      'prj_abc',
      'prj_abc/other',
      '/design',
      'a/b/design',
      'prj abc/design',
      `${'p'.repeat(65)}/design`,
    ]) {
      expect(parseDocumentName(name)).toBeNull()
    }
  })
})
