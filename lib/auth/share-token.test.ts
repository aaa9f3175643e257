import { describe, expect, it } from 'vitest'
import { hashShareToken, isShareToken, newShareToken } from './share-token'

describe('share-link tokens', () => {
  it('are prefixed, unguessable (256 bits) and hashed deterministically', () => {
    const a = newShareToken()
    const b = newShareToken()
    expect(a).not.toBe(b)
    expect(isShareToken(a)).toBe(true)
    expect(a).toMatch(/^bps_[\w-]{43}$/)
    expect(hashShareToken(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashShareToken(a)).toBe(hashShareToken(a))
    expect(hashShareToken(a)).not.toBe(hashShareToken(b))
  })
})
