/**
 * Store errors that mean "unavailable" become 503 + Retry-After with a log line naming the
 * cause; anything else stays a 500. The SQLite errors are real ones, raised by SQLite itself
 * on a real file: SQLITE_FULL by capping the file's size (max_page_count), SQLITE_READONLY by
 * query_only. Both are settings of one connection, so the store ingests on its own connection
 * here (no writer thread); test/integration/sqlite-disk.test.ts fills a real disk and mounts
 * it read-only under the writer thread, as the server runs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type Database from 'better-sqlite3'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { classifyStoreError, describeUnavailable } from '../src/store/errors.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/store.js'
import { envelope, testApp, trackEvent } from './support/app.js'

const dirs: string[] = []
const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {})
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A real SQLite file, the app on it, and the JSON log lines it writes. */
async function appOnFile() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-store-errors-'))
  dirs.push(dir)
  const store = await openSqliteStore(join(dir, 'candor.db'), { writerThread: false })
  stores.push(store)
  const lines: Array<Record<string, unknown>> = []
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const t = await testApp({ store, logger: pino({ level: 'info' }, sink) })
  // The adapter's own connection: the fault is set on the very file the app writes to.
  const db = (store as unknown as { db: Database.Database }).db
  return { t, db, lines }
}

const pad = 'x'.repeat(1000)
/** `n` valid events of about 3 KB each: enough to need new pages. */
const padded = (n: number) =>
  Array.from({ length: n }, () => trackEvent({ props: { a: pad, b: pad, c: pad } }))

describe('store unavailable → 503', () => {
  it('SQLITE_FULL: 503 with Retry-After, an error log line, then 200 once there is room', async () => {
    const { t, db, lines } = await appOnFile()
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const res = await t.send(t.demoKey, envelope(padded(40)))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect((await res.json()).error.code).toBe('unavailable')
    const line = lines.find((l) => l.code === 'SQLITE_FULL')
    expect(line).toMatchObject({
      level: 50,
      reason: 'disk_full',
      msg: 'store unavailable: the disk is full (SQLITE_FULL)',
    })
    db.pragma('max_page_count = 1073741823')
    const retry = await t.send(t.demoKey, envelope(padded(40)))
    expect(retry.status).toBe(200)
    expect((await retry.json()).accepted).toBe(40)
  })

  it('SQLITE_READONLY: 503 naming a read-only database, reads still served', async () => {
    const { t, db, lines } = await appOnFile()
    db.pragma('query_only = ON')
    const res = await t.send(t.demoKey, envelope([trackEvent()]))
    expect(res.status).toBe(503)
    expect(lines.find((l) => l.reason === 'read_only')?.msg).toBe(
      'store unavailable: the database is read-only (SQLITE_READONLY)',
    )
    expect((await t.fetch(`/v1/p/${t.demoKey}/config`)).status).toBe(200)
    db.pragma('query_only = OFF')
    expect((await t.send(t.demoKey, envelope([trackEvent()]))).status).toBe(200)
  })
})

describe('classifyStoreError', () => {
  const err = (props: Record<string, unknown>, message = 'x') =>
    Object.assign(new Error(message), props)

  it.each([
    [{ code: 'SQLITE_IOERR_WRITE' }, 'io_error'],
    [{ code: 'SQLITE_READONLY_DBMOVED' }, 'read_only'],
    [{ code: 'SQLITE_CANTOPEN' }, 'cannot_open'],
    [{ code: 'SQLITE_BUSY' }, 'busy'],
    [{ code: '57P01' }, 'shutting_down'],
    [{ code: '08006' }, 'connection'],
    [{ code: '53300' }, 'overloaded'],
    [{ code: '53100' }, 'disk_full'],
    [{ code: '40P01' }, 'conflict'],
    [{ code: 'ECONNREFUSED', syscall: 'connect' }, 'connection'],
    [{ code: 'ENOENT', syscall: 'connect' }, 'connection'],
  ])('%o is %s', (props, reason) => {
    expect(classifyStoreError(err(props))?.reason).toBe(reason)
  })

  it('reads node-postgres errors that carry no code', () => {
    const lost = classifyStoreError(new Error('Connection terminated unexpectedly'))
    expect(lost?.reason).toBe('connection')
    expect(describeUnavailable(lost!)).toBe(
      'store unavailable: the database connection failed (Connection terminated unexpectedly)',
    )
  })

  it('leaves bugs and bad input alone (500 or 400 elsewhere)', () => {
    expect(classifyStoreError(new Error('boom'))).toBeNull()
    expect(classifyStoreError(err({ code: 'ENOENT', syscall: 'open' }))).toBeNull()
    expect(classifyStoreError(err({ code: '22P05' }))).toBeNull()
    expect(classifyStoreError(err({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull()
    expect(classifyStoreError('text')).toBeNull()
  })
})
