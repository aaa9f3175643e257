import { describe, expect, it } from 'vitest'
import { bodyElementOf, canvasElementOf } from '../../app/_components/editor/use-problems'

describe('which canvas element a problem is about', () => {
  const file = 'processes/create-order.process.json'

  it('a process node, and a node inside a for-each body (the for-each on the process canvas)', () => {
    expect(canvasElementOf(file, '/nodes/total/expression')).toBe('total')
    expect(bodyElementOf(file, '/nodes/total/expression')).toBeUndefined()
    expect(canvasElementOf(file, '/nodes/lines/body/nodes/line/operation/table')).toBe('lines')
    expect(bodyElementOf(file, '/nodes/lines/body/nodes/line/operation/table')).toBe('line')
    // The body itself (its entry, its edges) is the for-each's, not one of its nodes.
    expect(bodyElementOf(file, '/nodes/lines/body/entry')).toBeUndefined()
    expect(bodyElementOf(file, '/nodes/lines/body/edges/0')).toBeUndefined()
    expect(canvasElementOf(file, '/inputs')).toBeUndefined()
  })

  it('decodes pointer escapes, and reads body nodes of process files only', () => {
    expect(bodyElementOf(file, '/nodes/a~1b/body/nodes/c~0d')).toBe('c~d')
    expect(canvasElementOf('apis/shop.openapi.yaml', '/paths/~1orders/post/responses')).toBe('/paths/~1orders/post')
    expect(bodyElementOf('apis/shop.openapi.yaml', '/nodes/a/body/nodes/b')).toBeUndefined()
  })
})
