/**
 * Which store errors mean "the database cannot serve right now" (a 503 that clients retry)
 * rather than a bug (a 500). Both adapters throw their driver's errors unchanged; this module
 * is the one place that reads their codes, so the HTTP layer, the CLI and the logs agree.
 */

/** Why the store is unavailable: the log line and docs/RELIABILITY.md use these words. */
export type UnavailableReason =
  | 'disk_full'
  | 'read_only'
  | 'io_error'
  | 'cannot_open'
  | 'busy'
  | 'connection'
  | 'shutting_down'
  | 'overloaded'
  | 'conflict'

export interface Unavailable {
  reason: UnavailableReason
  /** The driver's code (SQLITE_FULL, 57P01, ECONNREFUSED …) or the matched message. */
  code: string
}

// better-sqlite3 codes carry extended suffixes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED).
const SQLITE: Array<[RegExp, UnavailableReason]> = [
  [/^SQLITE_FULL/, 'disk_full'],
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_IOERR/, 'io_error'],
  [/^SQLITE_CANTOPEN/, 'cannot_open'],
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
]

// PostgreSQL SQLSTATE classes: 08 connection, 53 insufficient resources (53100 disk full),
// 57P01-03 shutdown / cannot connect now; deadlock and serialization failures that outlived
// the adapter's own retries.
const POSTGRES: Array<[RegExp, UnavailableReason]> = [
  [/^08/, 'connection'],
  [/^53100$/, 'disk_full'],
  [/^53/, 'overloaded'],
  [/^57P0[1-3]$/, 'shutting_down'],
  [/^25006$/, 'read_only'],
  [/^(40001|40P01)$/, 'conflict'],
]

const NODE_NET = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOENT|EHOSTUNREACH|ENETUNREACH)$/

// node-postgres reports a lost connection or a pool timeout with a bare Error (no code).
const PG_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Query read timeout|Client was closed and is not queryable|Cannot use a pool after calling end)/

/** The reason a store error is transient, or null when it is not a store availability error. */
export function classifyStoreError(err: unknown): Unavailable | null {
  if (!err || typeof err !== 'object') return null
  const { code, syscall, message } = err as { code?: unknown; syscall?: unknown; message?: unknown }
  if (typeof code === 'string') {
    const table = code.startsWith('SQLITE_') ? SQLITE : /^[0-9A-Z]{5}$/.test(code) ? POSTGRES : []
    for (const [pattern, reason] of table) if (pattern.test(code)) return { reason, code }
    if (NODE_NET.test(code) && (syscall === 'connect' || code !== 'ENOENT'))
      return { reason: 'connection', code }
  }
  if (syscall === 'connect') return { reason: 'connection', code: String(code ?? 'connect') }
  if (typeof message === 'string' && PG_MESSAGES.test(message))
    return { reason: 'connection', code: message.slice(0, 60) }
  return null
}

const WORDS: Record<UnavailableReason, string> = {
  disk_full: 'the disk is full',
  read_only: 'the database is read-only',
  io_error: 'the disk failed a read or write',
  cannot_open: 'the database file cannot be opened (missing directory, permissions or read-only)',
  busy: 'the database is locked by another writer',
  connection: 'the database connection failed',
  shutting_down: 'the database is shutting down or starting',
  overloaded: 'the database is out of a resource (connections, memory)',
  conflict: 'concurrent writes kept conflicting',
}

/** One sentence for a log line or the CLI: `store unavailable: the disk is full (SQLITE_FULL)`. */
export function describeUnavailable(u: Unavailable): string {
  return `store unavailable: ${WORDS[u.reason]} (${u.code})`
}
