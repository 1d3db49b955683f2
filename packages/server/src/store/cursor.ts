/** Opaque pagination cursors: the base64url of the last row's sequence number. Lists run
 * newest first, so the next page holds rows with a smaller sequence number. */
export function encodeCursor(seq: number | bigint | string): string {
  return Buffer.from(`s:${seq}`).toString('base64url')
}

/** Returns null for a missing cursor; throws InvalidCursor for a malformed one. */
export function decodeCursor(cursor: string | null | undefined): number | null {
  if (!cursor) return null
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const m = /^s:(\d{1,15})$/.exec(text)
  if (!m) throw new InvalidCursor()
  return Number(m[1])
}

export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not one this server made')
  }
}

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 500

export function clampLimit(limit: number | undefined): number {
  if (!limit || !Number.isFinite(limit)) return DEFAULT_LIMIT
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)))
}
