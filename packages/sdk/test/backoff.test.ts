import { describe, expect, it } from 'vitest'
import { backoff, retryAfterMs } from '../src/backoff'

describe('backoff with full jitter', () => {
  it('stays within [0, min(cap, base * 2^attempt)) and reaches the top of the range', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const top = Math.min(300_000, 1000 * 2 ** attempt)
      expect(backoff(attempt, 1000, 300_000, 0)).toBe(0)
      expect(backoff(attempt, 1000, 300_000, 0.999999)).toBeLessThan(top)
      expect(backoff(attempt, 1000, 300_000, 0.999999)).toBeGreaterThan(top * 0.99)
    }
  })

  it('is capped however many attempts failed', () => {
    expect(backoff(1e6, 1000, 300_000, 0.999999)).toBeLessThan(300_000)
    expect(Number.isFinite(backoff(1e6, 1000, 300_000, 0.5))).toBe(true)
  })
})

describe('Retry-After', () => {
  const now = Date.UTC(2030, 5, 1, 12, 0, 0)
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('0', now)).toBe(0)
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000)
  })
  it('ignores what it cannot read and never goes negative', () => {
    expect(retryAfterMs(null, now)).toBeUndefined()
    expect(retryAfterMs('', now)).toBeUndefined()
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs(new Date(now - 60_000).toUTCString(), now)).toBe(0)
  })
})
