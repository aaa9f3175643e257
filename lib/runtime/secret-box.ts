import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** A 32-byte AES-256-GCM key from configuration (`BACKPLANE_SECRET_KEY`: base64 or 64 hex characters). */
export function parseSecretKey(text: string): Uint8Array {
  const trimmed = text.trim()
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (bytes.length !== 32) throw new Error('the secret key must be 32 bytes (base64 or 64 hex characters)')
  return new Uint8Array(bytes)
}

/**
 * Encrypts with AES-256-GCM under a fresh 96-bit IV; `context` (project/environment/name) is bound as additional
 * data, so a ciphertext copied to another row does not decrypt. Output: `v1.<iv>.<tag>.<data>` (base64url).
 */
export function sealSecret(key: Uint8Array, plaintext: string, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return ['v1', iv, tag, data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

/** Decrypts `sealSecret`'s output; throws when the key, the context or the bytes are wrong (GCM authentication). */
export function openSecret(key: Uint8Array, sealed: string, context: string): string {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}
