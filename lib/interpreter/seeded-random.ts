/**
 * The run's seeded random source: xorshift32 over a uint32 kept in the run state, so jitter replays identically
 * (the state travels with the interpreter state, never with Math.random or the workflow's own PRNG).
 */
export function seedRandom(seed: number | string): number {
  // FNV-1a over the seed's text: any string or number maps to a non-zero uint32.
  const text = String(seed)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h === 0 ? 0x9e3779b9 : h
}

/** Next state and a uniform float in [0, 1). Pure. */
export function nextRandom(state: number): { state: number; value: number } {
  let x = state >>> 0
  x ^= x << 13
  x >>>= 0
  x ^= x >>> 17
  x ^= x << 5
  x >>>= 0
  return { state: x, value: x / 0x1_0000_0000 }
}
