import { describe, expect, it } from 'vitest'
import { newId } from './new-id'

describe('newId', () => {
  it('is typed, fixed-length base62 and does not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId('prj')))
    expect(ids.size).toBe(2000)
    for (const id of ids) expect(id).toMatch(/^prj_[0-9A-Za-z]{22}$/)
  })
})
