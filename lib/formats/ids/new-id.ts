const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Typed id prefixes of the elements our files carry (DESIGN §3). */
export const elementIdPrefix = {
  project: 'prj',
  api: 'api',
  process: 'prc',
  database: 'db',
  queue: 'que',
  group: 'grp',
} as const
export type ElementIdPrefix = (typeof elementIdPrefix)[keyof typeof elementIdPrefix]

/** Length of the random part of ids we create (the schemas accept 16 to 32). 20 base62 chars ≈ 119 bits. */
export const idRandomLength = 20

/**
 * A new typed id: `prefix_` + 20 base62 characters, e.g. `prc_4fQ9xLm2Rt7Kc1VzA8bN`. The randomness comes in as an
 * argument (`(n) => crypto.getRandomValues(new Uint8Array(n))` in an app, a seeded source in tests), so lib stays
 * pure. Rejection sampling (bytes ≥ 248 are skipped) keeps every character equally likely.
 */
export function newId(prefix: string, random: (n: number) => Uint8Array): string {
  let out = ''
  while (out.length < idRandomLength) {
    for (const b of random(32)) {
      if (b < 248 && out.length < idRandomLength) out += alphabet[b % 62]
    }
  }
  return `${prefix}_${out}`
}

/** True when `s` is an id of this prefix as our schemas accept it (16 to 32 base62 characters). */
export function isId(prefix: string, s: unknown): s is string {
  if (typeof s !== 'string' || !s.startsWith(`${prefix}_`)) return false
  return /^[0-9A-Za-z]{16,32}$/.test(s.slice(prefix.length + 1))
}
