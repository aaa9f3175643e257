import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password-hash'

const fast = { logN: 10, r: 8, p: 1 }

describe('scrypt password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse', fast)
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(await verifyPassword('correct horse', stored)).toBe(true)
    expect(await verifyPassword('correct horse ', stored)).toBe(false)
  })

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('pw-pw-pw-pw', fast)).not.toBe(await hashPassword('pw-pw-pw-pw', fast))
  })

  it('uses the default cost when none is given', async () => {
    expect(await hashPassword('default-cost')).toMatch(/^scrypt\$15\$8\$1\$/)
  })

  it('treats malformed or hostile stored hashes as a mismatch, never throws', async () => {
    for (const stored of ['', 'plain', 'scrypt$10$8$1$abc', 'scrypt$40$8$1$abc$def', 'bcrypt$10$8$1$a$b']) {
      expect(await verifyPassword('x', stored)).toBe(false)
    }
  })
})
