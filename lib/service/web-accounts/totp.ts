import { createHmac, timingSafeEqual } from 'node:crypto'

// RFC 6238 TOTP over RFC 4226 HOTP with HMAC-SHA1, 6 digits, 30-second steps: the parameters every authenticator
// app defaults to (and the only ones some support), so the otpauth URI does not need to name them.

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
export const totpStepSeconds = 30
export const totpDigits = 6

/** RFC 4648 base32 without padding (what authenticator apps accept). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31]
  return out
}

/** Decodes base32 (case, spaces and padding ignored); null when a character is not base32. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s=]/g, '').toUpperCase()
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char)
    if (index < 0) return null
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

/** HOTP (RFC 4226 §5.3): HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated to `digits`. */
export function hotp(key: Uint8Array, counter: number, digits = totpDigits): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', key).update(message).digest()
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0)
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** The time step of `now` (RFC 6238 §4: T0 = 0). */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpStepSeconds)
}

/** The code an authenticator shows at `now` for a base32 secret. */
export function totpCode(secret: string, now: Date): string {
  const key = base32Decode(secret)
  if (!key) throw new Error('not a base32 secret')
  return hotp(key, totpStep(now))
}

/**
 * The step a code matches within ±`window` steps of `now` (clock drift, RFC 6238 §5.2), or null. A step at or
 * before `afterStep` is refused, so one code is accepted once. Constant-time comparison per candidate.
 */
export function matchTotp(input: {
  secret: string
  code: string
  now: Date
  window?: number
  afterStep?: number | null
}): number | null {
  const code = input.code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(code)) return null
  const key = base32Decode(input.secret)
  if (!key) return null
  const current = totpStep(input.now)
  const window = input.window ?? 1
  for (let step = current - window; step <= current + window; step++) {
    if (input.afterStep !== null && input.afterStep !== undefined && step <= input.afterStep) continue
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step
  }
  return null
}

/** `otpauth://totp/<issuer>:<account>?secret=…&issuer=…` (Google Authenticator Key URI format). */
export function otpauthUri(input: { secret: string; account: string; issuer: string }): string {
  const label = encodeURIComponent(`${input.issuer}:${input.account}`)
  const query = new URLSearchParams({ secret: input.secret, issuer: input.issuer })
  return `otpauth://totp/${label}?${query.toString()}`
}
