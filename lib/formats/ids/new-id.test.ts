import { describe, expect, it } from 'vitest'
import { isId, newId } from './new-id'
import { slugify, suggestNodeId } from './suggest-node-id'

/** A deterministic byte source (xorshift), so the tests pin exact ids. */
function seeded(seed: number): (n: number) => Uint8Array {
  let x = seed
  return (n) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      out[i] = x & 0xff
    }
    return out
  }
}

describe('newId / isId', () => {
  it('makes prefix_ + 20 base62 characters that the schemas accept', () => {
    const random = seeded(42)
    const ids = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const id = newId('prc', random)
      expect(id).toMatch(/^prc_[0-9A-Za-z]{20}$/)
      expect(isId('prc', id)).toBe(true)
      ids.add(id)
    }
    expect(ids.size).toBe(1000)
    expect(newId('db', seeded(7))).toBe(newId('db', seeded(7)))
  })

  it('skips bytes at or above 248 so every character is equally likely', () => {
    expect(newId('que', (n) => new Uint8Array(n).fill(255).map((v, i) => (i % 2 ? 61 : v)))).toBe(
      `que_${'z'.repeat(20)}`,
    )
  })

  it('tells ids apart by prefix and length', () => {
    expect(isId('prc', 'prc_4fQ9xLm2Rt7Kc1Vz')).toBe(true)
    expect(isId('prc', 'db_4fQ9xLm2Rt7Kc1Vz')).toBe(false)
    expect(isId('prc', 'prc_short')).toBe(false)
    expect(isId('prc', 'prc_4fQ9xLm2Rt7Kc1V-')).toBe(false)
    expect(isId('prc', 42)).toBe(false)
  })
})

describe('suggestNodeId', () => {
  it('slugs the label', () => {
    expect(suggestNodeId('Load the Order!', new Set())).toBe('load-the-order')
    expect(suggestNodeId('Crème brûlée', new Set())).toBe('creme-brulee')
    expect(suggestNodeId('3D render', new Set())).toBe('n-3d-render')
    expect(suggestNodeId('  ', new Set())).toBe('node')
    expect(slugify('x'.repeat(100))).toHaveLength(64)
  })

  it('never reuses a taken id, deleted ones included', () => {
    const taken = new Set(['charge', 'charge-2'])
    expect(suggestNodeId('Charge', taken)).toBe('charge-3')
    const long = `${'a'.repeat(63)}b`
    const id = suggestNodeId(long, new Set([long]))
    expect(id).toHaveLength(64)
    expect(id.endsWith('-2')).toBe(true)
  })

  it('always matches the nodeId pattern', () => {
    for (const label of ['', '---', 'Ünïcödé ✓', 'a_b.c/d', '123', 'UPPER lower', '日本語']) {
      expect(suggestNodeId(label, new Set())).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
    }
  })
})
