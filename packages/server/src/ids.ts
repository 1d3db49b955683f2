import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Random base62 token: `bytes` of entropy mapped without modulo bias worth worrying about
 * (256 % 62 leaves a bias under 2%, irrelevant for identifiers that are not secrets). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return out
}

export const newProjectId = () => `prj_${randomToken(16)}`
/** Project keys are public (they sit in page source) but must not be guessable. */
export const newProjectKey = () => `pk_${randomToken(24)}`
export const newWebhookId = () => `wh_${randomToken(16)}`
export const newDeliveryId = () => `whd_${randomToken(20)}`
/** Admin tokens are secrets: 32 base62 chars is about 190 bits. */
export const newAdminToken = () => `cat_${randomToken(32)}`
