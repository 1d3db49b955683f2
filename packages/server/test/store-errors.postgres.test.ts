/**
 * The errors node-postgres really raises when PostgreSQL goes away under a running query are
 * classified as "unavailable" (503), and the store serves again once PostgreSQL is back.
 */
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { classifyStoreError } from '../src/store/errors.js'
import { openPostgresStore } from '../src/store/postgres.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

describe.runIf(postgresAvailable())('PostgreSQL errors under a crash', () => {
  let cluster: PgCluster | undefined
  afterAll(() => cluster?.stop())

  // A crash (immediate stop) is the case a code check alone misses: node-postgres then
  // rejects with a bare "Connection terminated unexpectedly". (A fast stop gives 57P01.)
  it('a query in flight when PostgreSQL crashes fails as unavailable; the store recovers', async () => {
    cluster ??= await startPostgres()
    const url = await cluster.createDatabase()
    const store = await openPostgresStore(url)
    const pool = new pg.Pool({ connectionString: url, max: 1 })
    pool.on('error', () => {})
    try {
      await pool.query('SELECT 1')
      const running = pool.query('SELECT pg_sleep(10)').then(
        () => null,
        (e: unknown) => e,
      )
      await new Promise((r) => setTimeout(r, 200))
      cluster.pause('immediate')
      const failed = await running
      expect(failed, String(failed)).toBeInstanceOf(Error)
      expect(classifyStoreError(failed)?.reason, String(failed)).toBe('connection')
      const down = await store.listSurveys('prj_x').catch((e: unknown) => e)
      expect(classifyStoreError(down)?.reason, String(down)).toBe('connection')
      expect(await store.ping()).toBe(false)
      cluster.resume()
      expect(await store.ping()).toBe(true)
    } finally {
      await pool.end().catch(() => {})
      await store.close()
    }
  }, 30_000)
})
