import { describe, expect, it } from 'vitest'
import { guardedLookup, isPrivateAddress } from './address-policy'

describe('address policy', () => {
  it('classifies private, loopback, link-local and special addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      'ff02::1',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true)
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(a), a).toBe(false)
    }
  })

  it('refuses a name resolving to loopback at lookup time unless allowed', async () => {
    const lookup = (allow: boolean) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        guardedLookup(allow)('localhost', {}, (error, address) => resolve({ error, address })),
      )
    const refused = await lookup(false)
    expect(refused.error?.message).toMatch(/localhost resolves to .* refused/)
    const allowed = await lookup(true)
    expect(allowed.error).toBeNull()
    expect(isPrivateAddress(String(allowed.address))).toBe(true)
  })
})
