/**
 * Ingest throughput of the built server (the CLI, as users run it) on SQLite and on
 * PostgreSQL with one and two replica processes: each request is a batch of 20 fresh track
 * events (the SDK's batches are up to 100), so every event is really written, none deduped.
 * The figures behind docs/SCALING.md.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { startPostgres } from '../packages/server/test/support/postgres'
import {
  demoProject,
  type ServerProcess,
  serverProcess,
} from '../test/integration/support/server-process'
import type { BenchReport } from './run'

const BATCH = 20
const SECONDS = 8
const CONNECTIONS = 16

const body = () =>
  JSON.stringify({
    sentAt: Date.now(),
    events: Array.from({ length: BATCH }, (_, i) => ({
      id: randomUUID(),
      type: 'track',
      time: Date.now(),
      installId: `bench-install-${i % 7}`,
      name: 'bench_event',
      props: { plan: 'pro', step: i, path: '/pricing/compare' },
    })),
  })

const TICKS = 100 // USER_HZ on Linux
/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS
  } catch {
    return 0
  }
}
/** CPU seconds used by every postgres process (the cluster's backends come and go). */
function postgresCpuSeconds(): number {
  let total = 0
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres')
        total += cpuSeconds(Number(pid))
    } catch {}
  }
  return total
}

/** Load on every replica at once (one autocannon per replica, connections split). */
async function load(replicas: ServerProcess[], key: string) {
  const cpu = () => replicas.reduce((n, r) => n + cpuSeconds(r.pid() ?? 0), 0)
  const serverCpu0 = cpu()
  const pgCpu0 = postgresCpuSeconds()
  const runs = await Promise.all(
    replicas.map((r) =>
      autocannon({
        url: r.url,
        connections: Math.max(1, Math.floor(CONNECTIONS / replicas.length)),
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: `/v1/p/${key}/events`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: body() }),
          },
        ],
      }),
    ),
  )
  const serverCpu = cpu() - serverCpu0
  const pgCpu = postgresCpuSeconds() - pgCpu0
  const ok = runs.reduce((n, r) => n + r['2xx'], 0)
  const other = runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0)
  const p50 = Math.max(...runs.map((r) => r.latency.p50))
  const p99 = Math.max(...runs.map((r) => r.latency.p99))
  return {
    'requests/s': Math.round(ok / SECONDS),
    'events/s': Math.round((ok * BATCH) / SECONDS),
    'p50 ms': p50,
    'p99 ms': p99,
    'non-2xx or errors': other,
    'server CPU s': serverCpu.toFixed(1),
    'events per server CPU s': Math.round((ok * BATCH) / serverCpu),
    'PostgreSQL CPU s': pgCpu ? pgCpu.toFixed(1) : '–',
  }
}

export default async function bench(): Promise<BenchReport> {
  const rows: BenchReport['rows'] = []
  const token = 'bench-admin-token'
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-ingest-'))
  try {
    const sqlite = await serverProcess({ dbPath: join(dir, 'candor.db'), adminToken: token })
    try {
      const { key } = await demoProject(sqlite)
      rows.push({
        store: 'SQLite (WAL, synchronous=FULL)',
        replicas: 1,
        ...(await load([sqlite], key)),
        'WAL B/event': '–',
        'table+indexes B/event': '–',
      })
    } finally {
      await sqlite.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  const cluster = await startPostgres()
  try {
    for (const n of [1, 2]) {
      const databaseUrl = await cluster.createDatabase()
      const replicas = await Promise.all(
        Array.from({ length: n }, () => serverProcess({ databaseUrl, adminToken: token })),
      )
      const db = new pg.Client({ connectionString: databaseUrl })
      await db.connect()
      try {
        const { key } = await demoProject(replicas[0]!)
        const lsn = async () =>
          (await db.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l
        const walBefore = await lsn()
        const figures = await load(replicas, key)
        const { rows: size } = await db.query<{ wal: string; disk: string; n: string }>(
          `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS wal,
                  pg_total_relation_size('events') AS disk, count(*) AS n FROM events`,
          [walBefore],
        )
        const events = Number(size[0]!.n)
        rows.push({
          store: 'PostgreSQL 15',
          replicas: n,
          ...figures,
          'WAL B/event': Math.round(Number(size[0]!.wal) / events),
          'table+indexes B/event': Math.round(Number(size[0]!.disk) / events),
        })
      } finally {
        await db.end()
        await Promise.all(replicas.map((r) => r.stop()))
      }
    }
  } finally {
    await cluster.stop()
  }

  const eps = (i: number) => Number(rows[i]?.['events/s'] ?? 0)
  return {
    title: 'Ingest throughput: SQLite and PostgreSQL replicas',
    summary:
      `The built server (candor-server serve, rate limit off) under ${CONNECTIONS} keep-alive ` +
      `connections for ${SECONDS} s, each request a batch of ${BATCH} new track events ` +
      '(~3 KB); load generator, server processes and PostgreSQL all on this machine.',
    rows,
    ratios: [
      `events per server CPU second, PostgreSQL 1 replica: ${rows[1]?.['events per server CPU s']}`,
      `PostgreSQL 2 replicas / 1 replica, events/s: ${(eps(2) / eps(1)).toFixed(2)}`,
      `PostgreSQL 1 replica / SQLite, events/s: ${(eps(1) / eps(0)).toFixed(2)}`,
    ],
    notes: [
      `This machine has ${cpus().length} cores shared by the load generator, the server processes ` +
        'and PostgreSQL, so a second replica competes for the same cores: the replica ratio ' +
        'here is a floor, not what separate machines give.',
      'The PostgreSQL here is the test harness cluster, started with fsync=off (a command-line ' +
        'setting, not reloadable): its rows skip the disk flush that SQLite (synchronous=FULL) ' +
        'pays, so compare PostgreSQL rows with each other; `npm run bench -- ingest` has ' +
        'durable PostgreSQL figures.',
    ],
  }
}
