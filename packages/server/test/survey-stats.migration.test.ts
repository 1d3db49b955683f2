/**
 * Migration 2 on a database that already holds responses (an upgrade): the survey counters
 * it backfills equal the ones ingest keeps, page boundaries included.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openSqliteStore } from '../src/store/sqlite.js'
import type { IngestEvent } from '../src/store/store.js'

describe('SQLite migration 2 backfills the survey counters', () => {
  it('from the stored responses and displays', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'candor-mig-')), 'candor.db')
    let store = await openSqliteStore(path)
    const p = await store.createProject({ name: 'M' })
    const t = Date.UTC(2026, 1, 1)
    const events: IngestEvent[] = []
    for (let i = 0; i < 45_000; i++) {
      const time = t + i * 60_000
      const base = { time, installId: `install-${i % 50}`.padEnd(10, '0') }
      events.push({
        event: {
          ...base,
          id: `ev-mig-${String(i).padStart(6, '0')}`,
          type: 'response',
          surveyId: 's',
          responseId: `resp-mig-${i}`,
          answers: { score: i % 11, plan: i % 2 ? 'pro' : ['a', 'b'], why: i % 7 ? null : 'ok' },
          finished: i % 3 === 0,
        },
        time,
        receivedAt: time,
      })
      if (i % 4 === 0)
        events.push({
          event: {
            ...base,
            id: `ev-mig-d${String(i).padStart(6, '0')}`,
            type: 'display',
            surveyId: 's',
          },
          time,
          receivedAt: time,
        })
    }
    await store.ingest(p.id, events)
    const kept = await store.surveyStats(p.id, 's')
    await store.close()

    const db = new Database(path)
    db.exec(`DROP TABLE survey_stats; DROP TABLE survey_event_stats;
      DROP INDEX responses_by_created; DROP INDEX responses_by_updated;
      DELETE FROM schema_migrations WHERE version = 2;`)
    db.close()
    store = await openSqliteStore(path)
    expect(await store.surveyStats(p.id, 's')).toEqual(kept)
    expect(kept.responsesByDay.reduce((s, d) => s + d.count, 0)).toBe(45_000)
    expect(kept.displaysByDay.reduce((s, d) => s + d.count, 0)).toBe(11_250)
    await store.close()
  })
})
