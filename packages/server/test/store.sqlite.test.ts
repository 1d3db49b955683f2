import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
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
