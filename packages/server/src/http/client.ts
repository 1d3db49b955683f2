import type { Context } from 'hono'

/** The client address, used only as a rate-limit key (hashed there, never stored). Behind one
 * trusted proxy the last X-Forwarded-For hop is the one that proxy saw; earlier hops are
 * client-controlled. In-process requests (tests) have no socket. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim())
    const last = hops.filter(Boolean).pop()
    if (last) return last
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'unknown'
}
