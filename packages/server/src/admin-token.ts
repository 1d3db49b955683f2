import { hashToken } from './http/auth.js'
import { newAdminToken } from './ids.js'
import type { Store } from './store/store.js'

export const ADMIN_TOKEN_SETTING = 'admin_token_sha256'

export interface AdminToken {
  hash: string
  /** The token in clear, known only when given or made just now. */
  token: string | null
  created: boolean
}

/** A configured token wins; otherwise the stored hash; otherwise a new token is made, stored
 * hashed, and returned once so it can be printed. */
export async function resolveAdminToken(store: Store, configured?: string): Promise<AdminToken> {
  if (configured) return { hash: hashToken(configured), token: configured, created: false }
  const stored = await store.getSetting(ADMIN_TOKEN_SETTING)
  if (stored) return { hash: stored, token: null, created: false }
  const token = newAdminToken()
  const hash = hashToken(token)
  const winner = await store.initSetting(ADMIN_TOKEN_SETTING, hash)
  return winner === hash
    ? { hash, token, created: true }
    : { hash: winner, token: null, created: false }
}
