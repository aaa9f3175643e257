import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSecret, parseSecretKey, sealSecret } from './secret-box'

describe('secret box (AES-256-GCM)', () => {
  const key = new Uint8Array(randomBytes(32))

  it('round-trips, with a fresh IV each time', () => {
    const a = sealSecret(key, 's3cret', 'secret:p:development:TOKEN')
    const b = sealSecret(key, 's3cret', 'secret:p:development:TOKEN')
    expect(a).not.toBe(b)
    expect(a.startsWith('v1.')).toBe(true)
    expect(openSecret(key, a, 'secret:p:development:TOKEN')).toBe('s3cret')
  })

  it('refuses another key, another context (a copied row) and tampered bytes', () => {
    const sealed = sealSecret(key, 'x', 'ctx')
    expect(() => openSecret(new Uint8Array(randomBytes(32)), sealed, 'ctx')).toThrow()
    expect(() => openSecret(key, sealed, 'other')).toThrow()
    const parts = sealed.split('.')
    parts[3] = Buffer.from('tampered').toString('base64url')
    expect(() => openSecret(key, parts.join('.'), 'ctx')).toThrow()
  })

  it('reads keys as base64 or hex, and only 32 bytes', () => {
    const raw = randomBytes(32)
    expect(parseSecretKey(raw.toString('base64'))).toEqual(new Uint8Array(raw))
    expect(parseSecretKey(raw.toString('hex'))).toEqual(new Uint8Array(raw))
    expect(() => parseSecretKey('c2hvcnQ=')).toThrow(/32 bytes/)
  })
})
