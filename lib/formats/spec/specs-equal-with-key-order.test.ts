import { describe, expect, it } from 'vitest'
import { firstSpecDifference, specsEqualWithKeyOrder } from './specs-equal-with-key-order'

describe('specsEqualWithKeyOrder', () => {
  it('is deep equality plus key order at every level', () => {
    expect(specsEqualWithKeyOrder({ a: [1, { b: 2, c: 3 }] }, { a: [1, { b: 2, c: 3 }] })).toBe(true)
    expect(specsEqualWithKeyOrder({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false)
    expect(firstSpecDifference({ x: { a: 1, b: 2 } }, { x: { b: 2, a: 1 } })).toBe('/x/a')
    expect(firstSpecDifference({ p: { 'a/b': [1, 2] } }, { p: { 'a/b': [1, 3] } })).toBe('/p/a~1b/1')
    expect(specsEqualWithKeyOrder([1, 2], [1, 2, 3])).toBe(false)
    expect(specsEqualWithKeyOrder({ a: null }, { a: undefined })).toBe(false)
    expect(specsEqualWithKeyOrder({ a: [] }, { a: {} })).toBe(false)
    expect(specsEqualWithKeyOrder(Number.NaN, Number.NaN)).toBe(true)
    expect(specsEqualWithKeyOrder('1', 1)).toBe(false)
  })
})
