/**
 * Sign-in attempts per email: at most `limit` in a sliding `windowMs`. In memory, per web process — a scaled-out
 * deployment puts a shared limiter (the gateway's) in front; this one stops password guessing on one instance.
 */
export function createSignInLimiter(options: { limit: number; windowMs: number; now?: () => number }) {
  const attempts = new Map<string, number[]>()
  const now = options.now ?? Date.now
  return {
    allow(key: string): boolean {
      const t = now()
      const recent = (attempts.get(key) ?? []).filter((at) => t - at < options.windowMs)
      if (recent.length >= options.limit) {
        attempts.set(key, recent)
        return false
      }
      recent.push(t)
      attempts.set(key, recent)
      return true
    },
  }
}

export const signInLimiter = createSignInLimiter({ limit: 10, windowMs: 60_000 })
