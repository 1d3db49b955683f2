/**
 * PostgreSQL for benches: the test harness's throwaway cluster
 * (packages/server/test/support/postgres.ts), but durable. The harness runs with fsync off,
 * and a bench of acknowledged writes must pay for the flush: so this one starts with fsync=on
 * and synchronous_commit=on, and reports the settings it ran with.
 */
import pg from 'pg'
import { startPostgres } from '../../packages/server/test/support/postgres'

export interface BenchPostgres {
  createDatabase(): Promise<string>
  stop(): Promise<void>
  /** The settings the figures were taken with, for the notes. */
  settings: Record<string, string>
}

export async function startDurablePostgres(
  extra: Record<string, string> = {},
): Promise<BenchPostgres> {
  const cluster = await startPostgres({ fsync: 'on', synchronous_commit: 'on', ...extra })
  const settings: Record<string, string> = {}
  const c = new pg.Client({ connectionString: await cluster.createDatabase() })
  await c.connect()
  try {
    for (const k of [
      'fsync',
      'synchronous_commit',
      'wal_sync_method',
      'shared_buffers',
      ...Object.keys(extra),
    ]) {
      const { rows } = await c.query<{ v: string }>('SELECT current_setting($1) AS v', [k])
      settings[k] = rows[0]!.v
    }
  } finally {
    await c.end()
  }
  return { settings, createDatabase: () => cluster.createDatabase(), stop: () => cluster.stop() }
}
