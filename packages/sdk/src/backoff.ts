/** Retry timing: exponential backoff with full jitter, and the server's Retry-After. */

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^attempt)), so many
 * clients that failed together do not come back together. `attempt` starts at 0. */
export const backoff = (attempt: number, base: number, cap: number, random: number): number =>
  random * Math.min(cap, base * 2 ** Math.min(attempt, 30))

/** Retry-After as ms from now: delta-seconds or an HTTP date; undefined when absent or bad. */
export const retryAfterMs = (value: string | null | undefined, now: number): number | undefined => {
  if (!value) return
  const s = Number(value)
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(value) - now
  return Number.isNaN(ms) ? undefined : Math.max(0, ms)
}
