import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number
  r: number
  p: number
}

/** N = 2^15, r = 8, p = 1: ≈ 32 MiB and tens of milliseconds per hash on this class of machine. */
export const defaultScryptParams: ScryptParams = { logN: 15, r: 8, p: 1 }

const keyLength = 32

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    )
  })
}

/** `scrypt$<logN>$<r>$<p>$<salt b64url>$<hash b64url>`: parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  const salt = randomBytes(16)
  const hash = await derive(password, salt, params)
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

/** Constant-time check. A malformed stored hash verifies as false, never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 20 || r > 32 || p > 16) return false
  const salt = Buffer.from(parts[4] ?? '', 'base64url')
  const expected = Buffer.from(parts[5] ?? '', 'base64url')
  if (expected.length !== keyLength) return false
  const actual = await derive(password, salt, { logN, r, p })
  return timingSafeEqual(actual, expected)
}
