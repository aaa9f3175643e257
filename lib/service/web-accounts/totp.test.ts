import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode } from './totp'

// RFC 6238 Appendix B (SHA-1 seed "12345678901234567890"); the RFC prints 8 digits, authenticators show the last 6.
const rfcSecret = base32Encode(new TextEncoder().encode('12345678901234567890'))
const vectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  it.each(vectors)('matches the RFC 6238 vector at T=%i', (seconds, eight) => {
    const key = base32Decode(rfcSecret)
    expect(key).not.toBeNull()
    expect(hotp(key ?? new Uint8Array(), Math.floor(seconds / 30), 8)).toBe(eight)
    expect(totpCode(rfcSecret, new Date(seconds * 1000))).toBe(eight.slice(2))
  })

  it('matches RFC 4226 Appendix D HOTP values', () => {
    const key = new TextEncoder().encode('12345678901234567890')
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489'])
  })

  it('base32 round-trips and rejects non-base32 text', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255, 7])
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes)
    expect(base32Encode(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI')
    expect(base32Decode('mzxw 6ytb oi==')).toEqual(new TextEncoder().encode('foobar'))
    expect(base32Decode('not base32!')).toBeNull()
  })

  it('accepts the previous, current and next step, not older ones, and never a step at or before afterStep', () => {
    const now = new Date(1_700_000_000_000)
    const at = (offsetSteps: number) => totpCode(rfcSecret, new Date(now.getTime() + offsetSteps * 30_000))
    const step = Math.floor(now.getTime() / 30_000)
    expect(matchTotp({ secret: rfcSecret, code: at(0), now })).toBe(step)
    expect(matchTotp({ secret: rfcSecret, code: at(-1), now })).toBe(step - 1)
    expect(matchTotp({ secret: rfcSecret, code: at(1), now })).toBe(step + 1)
    expect(matchTotp({ secret: rfcSecret, code: at(-3), now })).toBeNull()
    expect(matchTotp({ secret: rfcSecret, code: at(0), now, afterStep: step })).toBeNull()
    expect(matchTotp({ secret: rfcSecret, code: 'abcdef', now })).toBeNull()
    expect(matchTotp({ secret: rfcSecret, code: ` ${at(0).slice(0, 3)} ${at(0).slice(3)} `, now })).toBe(step)
  })

  it('builds a key URI authenticator apps read', () => {
    const uri = otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'ada@example.com', issuer: 'Backplane' })
    expect(uri).toBe('otpauth://totp/Backplane%3Aada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Backplane')
  })
})
