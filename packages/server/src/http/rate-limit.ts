/** In-memory token buckets per (project key, client). Clients are keyed by a salted hash of
 * their address so raw IPs are never kept, not even in memory maps. Per replica: with N
 * replicas the effective limit is N times higher, which is stated in docs/SERVER.md. */
import { createHash, randomBytes } from 'node:crypto'

export interface RateLimitOptions {
  /** Sustained requests per second per key + client. */
  perSecond: number
  /** Bucket size: requests allowed in a burst. */
  burst: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly salt = randomBytes(16)

  constructor(private readonly opts: RateLimitOptions) {}

  /** Returns 0 when allowed, else the seconds to wait before retrying. */
  take(scope: string, client: string, now = Date.now()): number {
    const id = createHash('sha256')
      .update(this.salt)
      .update(scope)
      .update('\0')
      .update(client)
      .digest('base64url')
    const { perSecond, burst } = this.opts
    const b = this.buckets.get(id) ?? { tokens: burst, at: now }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond)
    b.at = now
    if (this.buckets.size > 100_000) this.sweep(now)
    if (b.tokens >= 1) {
      b.tokens -= 1
      this.buckets.set(id, b)
      return 0
    }
    this.buckets.set(id, b)
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond))
  }

  /** Drops full buckets so memory stays bounded under many distinct clients. */
  private sweep(now: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.opts.perSecond >= this.opts.burst)
        this.buckets.delete(id)
    }
  }
}
