import { describe, expect, it } from 'vitest'
import { type EditorView, graphOf, viewFromKey, viewKey } from '../../app/_components/editor/editor-view'

describe('editor views and their keys', () => {
  const views: EditorView[] = [
    { kind: 'overview' },
    { kind: 'api', id: 'api_0123456789abcdef' },
    { kind: 'process', id: 'prc_0123456789abcdef' },
    { kind: 'process', id: 'prc_0123456789abcdef', body: 'lines' },
  ]

  it('round-trips every view through its key (address, presence, comment anchors)', () => {
    for (const view of views) expect(viewFromKey(viewKey(view))).toEqual(view)
    expect(views.map(viewKey)).toEqual([
      'overview',
      'api:api_0123456789abcdef',
      'process:prc_0123456789abcdef',
      'process:prc_0123456789abcdef/lines',
    ])
  })

  it('reads anything else as the overview', () => {
    for (const key of ['', 'overview', 'api:', 'process:', 'database:db_0123456789abcdef', 'nonsense'])
      expect(viewFromKey(key)).toEqual({ kind: 'overview' })
  })

  it("addresses a process's top level, or the body of one of its for-each nodes", () => {
    expect(graphOf({ id: 'prc_x' })).toEqual({ processId: 'prc_x' })
    expect(graphOf({ id: 'prc_x', body: 'lines' })).toEqual({ processId: 'prc_x', parent: 'lines' })
  })
})
