import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyStoreError } from '../src/store/errors.js'
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite.js'
import { storeConformance } from './store.conformance.js'

storeConformance('sqlite (memory)', () => openSqliteStore(':memory:'))
// A file database exercises WAL and the group-commit path on a real file.
storeConformance('sqlite (file)', () =>
  openSqliteStore(join(mkdtempSync(join(tmpdir(), 'candor-store-')), 'candor.db')),
)

describe('SQLite group commit', () => {
  it('acks concurrent ingest calls from shared commits, each with its own result', async () => {
    const store = (await openSqliteStore(
      join(mkdtempSync(join(tmpdir(), 'candor-group-')), 'candor.db'),
    )) as SqliteStore
    const p = await store.createProject({ name: 'G' })
    const calls = Array.from({ length: 50 }, (_, i) =>
      store.ingest(p.id, [
        {
          event: {
            id: `ev-group-${i % 40}`,
            type: 'track',
            time: 1,
            installId: 'install-g',
            name: 'x',
          },
          time: 1,
          receivedAt: 1,
        },
      ]),
    )
    const results = await Promise.all(calls)
    // Ids 0-39 are new once; calls 40-49 repeat ids 0-9.
    expect(results.map((r) => r.accepted)).toEqual(
      Array.from({ length: 50 }, (_, i) => (i < 40 ? 1 : 0)),
    )
    expect(store.ingestStats.requests).toBe(50)
    expect(store.ingestStats.commits).toBeLessThan(5)
    await store.close()
  })
})

describe('SQLite writer thread', () => {
  const fileStore = async () =>
    (await openSqliteStore(
      join(mkdtempSync(join(tmpdir(), 'candor-writer-')), 'candor.db'),
    )) as SqliteStore
  const track = (id: string, installId = 'install-w') => ({
    event: { id, type: 'track' as const, time: 1, installId, name: 'x' },
    time: 1,
    receivedAt: 1,
  })

  it('a call that fails in the thread fails alone, with its error code; the others of its commit are stored', async () => {
    const store = await fileStore()
    const p = await store.createProject({ name: 'W' })
    // Past validation no event lacks an install id: the column's NOT NULL fails in the commit.
    const bad = track('ev-bad', null as unknown as string)
    const [ok, failed, ok2] = await Promise.allSettled([
      store.ingest(p.id, [track('ev-ok-1')]),
      store.ingest(p.id, [bad]),
      store.ingest(p.id, [track('ev-ok-2')]),
    ])
    expect(ok).toMatchObject({ status: 'fulfilled', value: { accepted: 1 } })
    expect(ok2).toMatchObject({ status: 'fulfilled', value: { accepted: 1 } })
    expect(failed).toMatchObject({
      status: 'rejected',
      reason: { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_NOTNULL' },
    })
    const stored = await store.listEvents(p.id)
    expect(stored.items.map((e) => e.id).sort()).toEqual(['ev-ok-1', 'ev-ok-2'])
    expect(store.ingestStats).toEqual({ commits: 1, requests: 3 })
    await store.close()
  })

  it('a thread that stops fails its calls as unavailable (503), and the next call starts a new one', async () => {
    const store = await fileStore()
    const p = await store.createProject({ name: 'W' })
    const call = store.ingest(p.id, [track('ev-lost')])
    const writer = (store as unknown as { writer: import('node:worker_threads').Worker }).writer
    await writer.terminate()
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    )
    expect(classifyStoreError(error)).toEqual({ reason: 'io_error', code: 'SQLITE_IOERR_WRITER' })
    expect(await store.ingest(p.id, [track('ev-retried')])).toMatchObject({ accepted: 1 })
    await store.close()
  })

  it('copies committed pages into the database file in the background (checkpoints off the writer)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-checkpoint-'))
    const store = (await openSqliteStore(join(dir, 'candor.db'))) as SqliteStore
    const p = await store.createProject({ name: 'W' })
    const before = statSync(join(dir, 'candor.db')).size
    // About 1 MB of rows: far below the writer's own checkpoint at 4,000 WAL pages (16 MB), so
    // only the checkpointer thread can move them into the database file.
    for (let b = 0; b < 10; b++)
      await store.ingest(
        p.id,
        Array.from({ length: 200 }, (_, i) => track(`ev-k-${b}-${i}`)),
      )
    const deadline = Date.now() + 5000
    while (statSync(join(dir, 'candor.db')).size <= before + 500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(statSync(join(dir, 'candor.db')).size).toBeGreaterThan(before + 500_000)
    await store.close()
  })

  it('close waits for calls in flight, then stops the thread', async () => {
    const store = await fileStore()
    const p = await store.createProject({ name: 'W' })
    const calls = Array.from({ length: 20 }, (_, i) => store.ingest(p.id, [track(`ev-c-${i}`)]))
    await store.close()
    const results = await Promise.all(calls)
    expect(results.every((r) => r.accepted === 1)).toBe(true)
  })
})

describe('SQLite events by install (epochs of 4,096 events)', () => {
  it("finds, filters and forgets an install's events across epochs, through the index", async () => {
    const store = (await openSqliteStore(':memory:')) as SqliteStore
    const p = await store.createProject({ name: 'E' })
    const ev = (i: number, installId: string) => ({
      event: { id: `ev-${i}`, type: 'track' as const, time: 1, installId, name: 'x' },
      time: 1,
      receivedAt: 1,
    })
    // 10,000 events: three epochs; install-a's 5 are spread over all of them.
    const events = Array.from({ length: 10_000 }, (_, i) =>
      ev(i, i % 2_000 === 7 ? 'install-a' : `install-${i % 50}`),
    )
    for (let i = 0; i < events.length; i += 1_000)
      await store.ingest(p.id, events.slice(i, i + 1_000))
    const mine = await store.listEvents(p.id, { installId: 'install-a' }, { limit: 3 })
    expect(mine.items.map((e) => e.id)).toEqual(['ev-8007', 'ev-6007', 'ev-4007'])
    const rest = await store.listEvents(
      p.id,
      { installId: 'install-a' },
      { cursor: mine.nextCursor },
    )
    expect(rest.items.map((e) => e.id)).toEqual(['ev-2007', 'ev-7'])
    expect(await store.countEventsByDay(p.id, { installId: 'install-a' })).toEqual([
      { day: '1970-01-01', count: 5 },
    ])
    const { db } = store as unknown as { db: import('better-sqlite3').Database }
    for (const table of ['events', 'responses']) {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT seq FROM ${table} WHERE project_id = ? AND install_id = ?
           AND (seq >> 12) IN (SELECT 0)`,
        )
        .all(p.id, 'install-a') as Array<{ detail: string }>
      expect(plan.map((r) => r.detail).join(' ')).toContain(
        `USING COVERING INDEX ${table}_by_install (project_id=? AND <expr>=? AND install_id=?)`,
      )
    }
    expect((await store.forget(p.id, 'install-a')).events).toBe(5)
    expect((await store.listEvents(p.id, { installId: 'install-a' })).items).toEqual([])
    expect(await store.countEventsByDay(p.id, { installId: 'install-7' })).toEqual([
      { day: '1970-01-01', count: 195 }, // 200 with i % 50 = 7, less install-a's 5
    ])
    await store.close()
  })
})
