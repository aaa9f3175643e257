/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. `take(n)` spends n tokens or refuses. The clock is an
 * argument so the limiter is deterministic to test.
 */
export class TokenBucket {
  private tokens: number
  private last: number
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity
    this.last = now
  }

  take(n: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000
    this.last = now
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perSecond)
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }
}

export interface RateLimits {
  /** Messages of any kind per second, sustained. */
  messagesPerSecond: number
  messagesBurst: number
  /** Bytes of Yjs updates per second, sustained. */
  updateBytesPerSecond: number
  updateBytesBurst: number
}

export const defaultRateLimits: RateLimits = {
  messagesPerSecond: 200,
  messagesBurst: 1_000,
  updateBytesPerSecond: 1_000_000,
  updateBytesBurst: 8_000_000,
}

/** Both buckets of one connection. */
export class ConnectionLimiter {
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket
  constructor(limits: RateLimits, now: number) {
    this.messages = new TokenBucket(limits.messagesBurst, limits.messagesPerSecond, now)
    this.bytes = new TokenBucket(limits.updateBytesBurst, limits.updateBytesPerSecond, now)
  }

  allowMessage(now: number): boolean {
    return this.messages.take(1, now)
  }

  allowUpdateBytes(n: number, now: number): boolean {
    return this.bytes.take(n, now)
  }
}
