import type { Page } from './store.js'

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

/** Rows were fetched with limit + 1: the extra row only says that a next page exists. */
export function paginate<R extends { seq: number | string | bigint }, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
): Page<T> {
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  const last = page[page.length - 1]
  return { items: page.map(map), nextCursor: more && last ? encodeCursor(last.seq) : null }
}
