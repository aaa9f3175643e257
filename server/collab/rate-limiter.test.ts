import { describe, expect, it } from 'vitest'
import { ConnectionLimiter, TokenBucket } from './rate-limiter'

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills over time', () => {
    const bucket = new TokenBucket(3, 1, 0)
    expect([bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0)]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(bucket.take(1, 999)).toBe(false)
    expect(bucket.take(1, 2000)).toBe(true)
    expect(bucket.take(5, 100_000)).toBe(false)
  })

  it('limits messages and update bytes separately per connection', () => {
    const limiter = new ConnectionLimiter(
      { messagesPerSecond: 1, messagesBurst: 2, updateBytesPerSecond: 10, updateBytesBurst: 100 },
      0,
    )
    expect(limiter.allowUpdateBytes(100, 0)).toBe(true)
    expect(limiter.allowUpdateBytes(1, 0)).toBe(false)
    expect(limiter.allowMessage(0)).toBe(true)
  })
})
