/** The Transport port on fetch. Bodies go as text/plain (no CORS preflight), no cookies.
 * Page unload: fetch keepalive, or sendBeacon where keepalive is missing (its reply is
 * unknown, so it acks nothing). A request that hangs is aborted: the server may have died. */
import type { Reply, Transport } from '../ports'

const call = async (url: string, init: RequestInit, timeout: number): Promise<Reply> => {
  const ac = new AbortController()
  const t = setTimeout(() => ac.abort(), timeout)
  try {
    const res = await fetch(url, { credentials: 'omit', signal: ac.signal, ...init })
    return {
      status: res.status,
      body: await res.json().catch(() => undefined),
      retryAfter: res.headers.get('retry-after'),
    }
  } catch {
    return { status: 0 }
  } finally {
    clearTimeout(t)
  }
}

export const fetchTransport = (timeout = 3e4): Transport => ({
  post(url, body, unload) {
    if (unload && typeof Request !== 'undefined' && !('keepalive' in Request.prototype)) {
      try {
        navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))
      } catch {}
      return Promise.resolve({ status: 0 })
    }
    return typeof fetch === 'function'
      ? call(url, { method: 'POST', body, keepalive: unload }, timeout)
      : Promise.resolve({ status: 0 })
  },
  // The browser's HTTP cache does the ETag / If-None-Match round trip itself (`no-cache`
  // revalidates), and without a custom header there is no CORS preflight.
  get: (url) =>
    typeof fetch === 'function'
      ? call(url, { cache: 'no-cache' }, timeout)
      : Promise.resolve({ status: 0 }),
})
