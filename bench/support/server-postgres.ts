/**
 * PostgreSQL for benches: the test harness's throwaway cluster (test/support/postgres.ts),
 * switched back to durable commits. The harness runs with fsync=off for test speed; a bench of
 * acknowledged writes must pay for the flush, so fsync and synchronous_commit are turned on
 * (both reloadable) before any figure is taken.
 */
import pg from 'pg'
import { type PgCluster, startPostgres } from '../../packages/server/test/support/postgres'

export interface BenchPostgres extends PgCluster {
  /** The settings the figures were taken with, for the notes. */
  settings: Record<string, string>
}

export async function startDurablePostgres(
  extra: Record<string, string> = {},
): Promise<BenchPostgres> {
  const cluster = await startPostgres()
  const url = await cluster.createDatabase()
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const settings: Record<string, string> = {}
  try {
    for (const [k, v] of Object.entries({ fsync: 'on', synchronous_commit: 'on', ...extra }))
      await c.query(`ALTER SYSTEM SET ${k} = '${v}'`)
    await c.query('SELECT pg_reload_conf()')
    await new Promise((r) => setTimeout(r, 300))
    for (const k of [
      'fsync',
      'synchronous_commit',
      'wal_sync_method',
      'shared_buffers',
      ...Object.keys(extra),
    ]) {
      const { rows } = await c.query<{ v: string }>(`SELECT current_setting($1) AS v`, [k])
      settings[k] = rows[0]!.v
    }
  } finally {
    await c.end()
  }
  return { ...cluster, settings }
}
