const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Typed id prefixes (DESIGN §3: random, typed, never a counter). */
export const IdPrefix = {
  organization: 'org',
  user: 'usr',
  project: 'prj',
  shareLink: 'shl',
  commit: 'cmt',
} as const
export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix]

/**
 * `prefix_` + 22 base62 characters (≈ 131 bits) from Web Crypto. Rejection sampling keeps the alphabet uniform.
 */
export function newId(prefix: string): string {
  let out = `${prefix}_`
  while (out.length < prefix.length + 1 + 22) {
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    for (const b of bytes) {
      if (b < 248 && out.length < prefix.length + 1 + 22) out += alphabet[b % 62]
    }
  }
  return out
}
