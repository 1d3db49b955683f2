/** HTML helpers: escaping for every interpolated string, and strict security headers. */
import type { Context } from 'hono'

const ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (ch) => ESC[ch]!)

/** Sends an HTML page with a CSP; `scriptSrc`/`styleSrc` extend 'self' (hashes, nonces). */
export function sendHtml(
  c: Context,
  html: string,
  opts: { status?: 200 | 401 | 404; scriptSrc?: string[]; styleSrc?: string[] } = {},
): Response {
  const csp = [
    "default-src 'none'",
    opts.scriptSrc?.length === 0
      ? "script-src 'none'"
      : ["script-src 'self'", ...(opts.scriptSrc ?? [])].join(' '),
    ["style-src 'self'", ...(opts.styleSrc ?? [])].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
  return c.body(html, opts.status ?? 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on our own
    // form posts, which the dashboard's cross-origin check must refuse.
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  })
}
