/** Admin tokens are stored only as SHA-256 hashes (they are long random secrets, so a fast
 * hash is enough) and compared in constant time. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex')

export function tokenMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(presented), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return m ? m[1]! : null
}

/** Dashboard sessions are stateless signed cookies, so any replica can check them:
 * `<expiry>.<hmac(expiry)>` keyed by the admin token hash (rotating the token ends sessions). */
export function signSession(tokenHash: string, expiresAt: number): string {
  const mac = createHmac('sha256', tokenHash).update(`session:${expiresAt}`).digest('base64url')
  return `${expiresAt}.${mac}`
}

export function sessionValid(tokenHash: string, cookie: string | undefined, now: number): boolean {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '')
  if (!m) return false
  const expiresAt = Number(m[1])
  if (expiresAt <= now) return false
  const expected = Buffer.from(signSession(tokenHash, expiresAt))
  const given = Buffer.from(cookie!)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
