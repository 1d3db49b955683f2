/**
 * How cost grows with data (`npm run bench -- growth`): a survey's responses are generated in
 * bulk (SQLite: recursive CTE in one transaction; PostgreSQL: generate_series) to 100k and 1M
 * (GROWTH_MAX=10000000 adds 10M), and at each size: the upgrade that builds the survey
 * counters (migration 2 + backfill, run for real on the generated rows), the summary endpoint
 * over HTTP (whole history and a range cutting through days), and ingest latency at a fixed
 * rate, against the built server. At the first size the old way (load every response, as
 * the summary did before the counters) is timed beside it. Databases live in a temp dir and
 * are deleted. Reports, never asserts; throws if a summary's count is wrong.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { Survey } from '../packages/sdk/src/schema'
import { openPostgresStore } from '../packages/server/src/store/postgres'
import { scanResponses } from '../packages/server/src/store/scan'
import { openSqliteStore } from '../packages/server/src/store/sqlite'
import type { Store } from '../packages/server/src/store/store'
import type { BenchReport } from './run'
import { paced } from './support/paced'
import { startCandorServer } from './support/server'
import { startDurablePostgres } from './support/server-postgres'

const QUICK = process.env.BENCH_QUICK === '1'
const MAX = Number(process.env.GROWTH_MAX ?? (QUICK ? 100_000 : 1_000_000))
const SIZES = [10_000, 100_000, 1_000_000, 10_000_000].filter((n) => n <= MAX && n >= MAX / 100)
const STORES = (process.env.GROWTH_STORES ?? 'sqlite,postgres').split(',')
const T0 = Date.UTC(2025, 0, 1)
const YEAR_MS = 365 * 86_400_000
const DAY_MS = 86_400_000
const SURVEY_ID = 'growth'
const INGEST_RATE = 200
const INGEST_BATCH = 10

const survey = Survey.parse({
  id: SURVEY_ID,
  name: 'Growth',
  status: 'active',
  questions: [
    { id: 'score', type: 'nps', title: 'Recommend?' },
    {
      id: 'plan',
      type: 'single',
      title: 'Plan?',
      allowOther: true,
      options: [
        { id: 'free', label: 'Free' },
        { id: 'pro', label: 'Pro' },
      ],
    },
    { id: 'why', type: 'text', title: 'Why?' },
  ],
})

/** Generated responses: NPS i%11, plan free/pro/other, a text on every 4th, 80% finished,
 * times spread over a year by a multiplicative hash; one response event per response and a
 * display for every second one. */
const GEN = {
  time: (i: string) => `(${T0} + ((${i}) * 2654435761) % ${YEAR_MS})`,
}

interface Adapter {
  name: 'sqlite' | 'postgres'
  open(): Promise<Store>
  generate(projectId: string, lo: number, hi: number): Promise<void>
  /** Drops the counters and their indexes and forgets migration 2, so the next open runs it. */
  resetCounters(): Promise<void>
  size(): Promise<number>
  plans(projectId: string): Promise<string[]>
  server(): ReturnType<typeof startCandorServer>
  close(): Promise<void>
}

function sqliteAdapter(dir: string): Adapter {
  const path = join(dir, 'growth.db')
  const raw = () => {
    const db = new Database(path)
    db.pragma('journal_mode = WAL')
    return db
  }
  return {
    name: 'sqlite',
    open: () => openSqliteStore(path),
    async generate(projectId, lo, hi) {
      const db = raw()
      // Bench data, not acknowledged writes: no fsync while generating.
      db.pragma('synchronous = OFF')
      const series =
        'WITH RECURSIVE n(i) AS (SELECT @lo UNION ALL SELECT i + 1 FROM n WHERE i < @hi)'
      const t = GEN.time('i')
      db.transaction(() => {
        db.prepare(
          `${series}
           INSERT INTO responses (project_id, response_id, survey_id, install_id, answers, answer_times,
             finished, created_at, updated_at, finished_at, url, locale)
           SELECT @p, 'gen-' || i, '${SURVEY_ID}', 'install-' || (i % 100000),
             json_object('score', i % 11, 'plan', CASE i % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'other' END,
               'why', CASE WHEN i % 4 = 0 THEN 'generated answer ' || i END),
             json_object('score', t, 'plan', t + 20000, 'why', t + 40000),
             i % 5 <> 0, t, t + 40000, CASE WHEN i % 5 <> 0 THEN t + 40000 END, 'https://app.example.com/', 'en'
           FROM (SELECT i, ${t} AS t FROM n)`,
        ).run({ p: projectId, lo, hi })
        db.prepare(
          `${series}
           INSERT INTO events (project_id, event_id, type, install_id, survey_id, response_id, time, received_at, data)
           SELECT @p, 'gen-ev-' || i, 'response', 'install-' || (i % 100000), '${SURVEY_ID}', 'gen-' || i, t, t,
             json_object('id', 'gen-ev-' || i, 'type', 'response', 'time', t, 'surveyId', '${SURVEY_ID}',
               'responseId', 'gen-' || i, 'installId', 'install-' || (i % 100000), 'finished', json('false'),
               'answers', json_object('score', i % 11))
           FROM (SELECT i, ${t} AS t FROM n)`,
        ).run({ p: projectId, lo, hi })
        db.prepare(
          `${series}
           INSERT INTO events (project_id, event_id, type, install_id, survey_id, time, received_at, data)
           SELECT @p, 'gen-dp-' || i, 'display', 'install-' || (i % 100000), '${SURVEY_ID}', t - 60000, t - 60000,
             json_object('id', 'gen-dp-' || i, 'type', 'display', 'time', t - 60000, 'surveyId', '${SURVEY_ID}',
               'installId', 'install-' || (i % 100000))
           FROM (SELECT i, ${t} AS t FROM n) WHERE i % 2 = 0`,
        ).run({ p: projectId, lo, hi })
      })()
      db.close()
    },
    async resetCounters() {
      const db = raw()
      db.exec(`DROP TABLE survey_stats; DROP TABLE survey_event_stats;
        DROP INDEX responses_by_created; DROP INDEX responses_by_updated;
        DELETE FROM schema_migrations WHERE version = 2;`)
      db.close()
    },
    async size() {
      let bytes = 0
      for (const f of ['growth.db', 'growth.db-wal'])
        try {
          bytes += statSync(join(dir, f)).size
        } catch {
          // no WAL file
        }
      return bytes
    },
    async plans(projectId) {
      const db = raw()
      const plan = (sql: string, ...params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join('; ')
      const out = [
        `survey_stats read: ${plan(`SELECT kind, answer_key, value, SUM(count) FROM survey_stats WHERE project_id = ? AND survey_id = ? AND day >= ? AND day < ? AND kind NOT IN ('responses', 'finished') GROUP BY kind, answer_key, value`, projectId, SURVEY_ID, '2025-02-01', '2025-06-01')}`,
        `partial day: ${plan('SELECT * FROM responses WHERE project_id = ? AND survey_id = ? AND created_at >= ? AND created_at < ?', projectId, SURVEY_ID, 0, 1)}`,
        `latest texts: ${plan('SELECT response_id, answers, answer_times, updated_at FROM responses WHERE project_id = ? AND survey_id = ? ORDER BY updated_at DESC', projectId, SURVEY_ID)}`,
      ]
      db.close()
      return out
    },
    server: () => startCandorServer({ dbPath: path }),
    async close() {},
  }
}

async function postgresAdapter(): Promise<Adapter> {
  const cluster = await startDurablePostgres({ max_wal_size: '8GB' })
  const url = await cluster.createDatabase()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    name: 'postgres',
    open: () => openPostgresStore(url),
    async generate(projectId, lo, hi) {
      // Chunks keep each statement's memory and WAL bounded; no fsync wait per chunk.
      await client.query('SET synchronous_commit = off')
      const t = GEN.time('i')
      for (let a = lo; a <= hi; a += 500_000) {
        const b = Math.min(hi, a + 499_999)
        const from = `FROM (SELECT i, ${t} AS t FROM generate_series(${a}::bigint, ${b}::bigint) AS i) g`
        await client.query(
          `INSERT INTO responses (project_id, response_id, survey_id, install_id, answers, answer_times,
             finished, created_at, updated_at, finished_at, url, locale)
           SELECT $1, 'gen-' || i, '${SURVEY_ID}', 'install-' || (i % 100000),
             jsonb_build_object('score', i % 11, 'plan', CASE i % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'other' END,
               'why', CASE WHEN i % 4 = 0 THEN 'generated answer ' || i END),
             jsonb_build_object('score', t, 'plan', t + 20000, 'why', t + 40000),
             i % 5 <> 0, t, t + 40000, CASE WHEN i % 5 <> 0 THEN t + 40000 END, 'https://app.example.com/', 'en'
           ${from}`,
          [projectId],
        )
        await client.query(
          `INSERT INTO events (project_id, event_id, type, install_id, survey_id, response_id, time, received_at, data)
           SELECT $1, 'gen-ev-' || i, 'response', 'install-' || (i % 100000), '${SURVEY_ID}', 'gen-' || i, t, t,
             jsonb_build_object('id', 'gen-ev-' || i, 'type', 'response', 'time', t, 'surveyId', '${SURVEY_ID}',
               'responseId', 'gen-' || i, 'installId', 'install-' || (i % 100000), 'finished', false,
               'answers', jsonb_build_object('score', i % 11))
           ${from}`,
          [projectId],
        )
        await client.query(
          `INSERT INTO events (project_id, event_id, type, install_id, survey_id, time, received_at, data)
           SELECT $1, 'gen-dp-' || i, 'display', 'install-' || (i % 100000), '${SURVEY_ID}', t - 60000, t - 60000,
             jsonb_build_object('id', 'gen-dp-' || i, 'type', 'display', 'time', t - 60000, 'surveyId', '${SURVEY_ID}',
               'installId', 'install-' || (i % 100000))
           ${from} WHERE i % 2 = 0`,
          [projectId],
        )
      }
      await client.query('SET synchronous_commit = on')
      await client.query('ANALYZE')
    },
    async resetCounters() {
      await client.query(`DROP TABLE survey_stats; DROP TABLE survey_event_stats;
        DROP INDEX responses_by_created; DROP INDEX responses_by_updated;
        DELETE FROM schema_migrations WHERE version = 2;`)
    },
    async size() {
      const { rows } = await client.query<{ n: string }>(
        'SELECT pg_database_size(current_database()) AS n',
      )
      return Number(rows[0]!.n)
    },
    async plans(projectId) {
      const explain = async (sql: string, params: unknown[]) =>
        (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${sql}`, params)).rows
          .map((r) => r['QUERY PLAN'].trim())
          .filter((l) => /Scan|Execution Time/.test(l))
          .join('; ')
      return [
        `survey_stats read: ${await explain(`SELECT kind, answer_key, value, SUM(count) FROM survey_stats WHERE project_id = $1 AND survey_id = $2 AND kind NOT IN ('responses', 'finished') GROUP BY kind, answer_key, value`, [projectId, SURVEY_ID])}`,
        `latest texts page: ${await explain('SELECT seq, response_id, answers, answer_times, updated_at FROM responses WHERE project_id = $1 AND survey_id = $2 ORDER BY updated_at DESC, seq DESC LIMIT 100', [projectId, SURVEY_ID])}`,
      ]
    },
    server: () => startCandorServer({ databaseUrl: url }),
    async close() {
      await client.end()
      await cluster.stop()
    },
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const time = async <T>(fn: () => Promise<T>) => {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

interface Step {
  store: string
  responses: number
  generateS: number
  upgradeS: number
  summaryMs: number
  summaryMaxMs: number
  rangeMs: number
  ingestP50: number
  ingestP99: number
  ingestErrors: number
  dbMiB: number
}

export default async function growthBench(): Promise<BenchReport> {
  const steps: Step[] = []
  const oldMs: Record<string, number> = {}
  const notes: string[] = []
  const ratios: string[] = []
  for (const kind of STORES) {
    const dir = mkdtempSync(join(tmpdir(), 'candor-bench-growth-'))
    const adapter = kind === 'postgres' ? await postgresAdapter() : sqliteAdapter(dir)
    try {
      let store = await adapter.open()
      const project = await store.createProject({ name: 'growth' })
      await store.putSurvey(project.id, survey)
      await store.close()
      let done = 0
      for (const size of SIZES) {
        const gen = await time(() => adapter.generate(project.id, done + 1, size))
        done = size
        await adapter.resetCounters()
        const upgrade = await time(async () => {
          store = await adapter.open()
        })
        if (size === SIZES[0]) {
          // The summary before the counters: every response loaded into memory.
          const old = await time(async () => {
            let n = 0
            for await (const _ of scanResponses(store, project.id, { surveyId: SURVEY_ID })) n++
            return n
          })
          notes.push(
            `${kind}, ${size.toLocaleString('en-US')} responses: loading them all (the summary's first step before the counters) took ${Math.round(old.ms)} ms for ${old.value.toLocaleString('en-US')} rows.`,
          )
          oldMs[kind] = old.ms
        }
        await store.close()
        const server = await adapter.server()
        try {
          const get = (q = '') =>
            fetch(
              `${server.url}/v1/admin/projects/${project.id}/surveys/${SURVEY_ID}/summary${q}`,
              { headers: { authorization: `Bearer ${server.adminToken}` } },
            )
          const first = (await (await get()).json()) as { responses: number; displays: number }
          if (first.responses !== size || first.displays !== size / 2)
            throw new Error(`${kind} summary counted ${JSON.stringify(first)} for ${size}`)
          const runs: number[] = []
          for (let i = 0; i < 7; i++) runs.push((await time(() => get().then((r) => r.text()))).ms)
          const range = `?from=${T0 + 100.5 * DAY_MS}&to=${T0 + 200.5 * DAY_MS}`
          const rangeRuns: number[] = []
          for (let i = 0; i < 5; i++)
            rangeRuns.push((await time(() => get(range).then((r) => r.text()))).ms)
          let n = 0
          const ingest = await paced({
            url: `${server.url}/v1/p/${server.key}/events`,
            rate: INGEST_RATE,
            seconds: QUICK ? 2 : 5,
            sockets: 16,
            headers: { 'content-type': 'application/json' },
            body: () => {
              const now = Date.now()
              const events = Array.from({ length: INGEST_BATCH }, () => {
                const id = `grow${process.pid}x${(n++).toString(36).padStart(9, '0')}`
                return n % 10 === 0
                  ? {
                      id,
                      type: 'response',
                      time: now,
                      installId: 'install-bench',
                      surveyId: SURVEY_ID,
                      responseId: `r${id}`,
                      answers: { score: n % 11, plan: 'pro' },
                      finished: true,
                    }
                  : { id, type: 'track', time: now, installId: 'install-bench', name: 'x' }
              })
              return JSON.stringify({ sentAt: now, events })
            },
          })
          steps.push({
            store: kind,
            responses: size,
            generateS: gen.ms / 1000,
            upgradeS: upgrade.ms / 1000,
            summaryMs: median(runs),
            summaryMaxMs: Math.max(...runs),
            rangeMs: median(rangeRuns),
            ingestP50: ingest.p50,
            ingestP99: ingest.p99,
            ingestErrors: ingest.errors,
            dbMiB: (await adapter.size()) / 2 ** 20,
          })
          console.log('  ', JSON.stringify(steps[steps.length - 1]))
        } finally {
          await server.stop()
        }
        if (size === SIZES[SIZES.length - 1])
          notes.push(
            `${kind} query plans at ${size.toLocaleString('en-US')}: ${(await adapter.plans(project.id)).join(' | ')}`,
          )
      }
    } finally {
      await adapter.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }

  for (const kind of STORES) {
    const mine = steps.filter((s) => s.store === kind)
    const first = mine[0]
    const last = mine[mine.length - 1]
    const old = oldMs[kind]
    if (!first || !last) continue
    ratios.push(
      `${kind}: summary at ${last.responses.toLocaleString('en-US')} / at ${first.responses.toLocaleString('en-US')} responses: ${(last.summaryMs / first.summaryMs).toFixed(2)} (data ×${last.responses / first.responses}); ingest p99 at ${last.responses.toLocaleString('en-US')} / at ${first.responses.toLocaleString('en-US')}: ${(last.ingestP99 / Math.max(1, first.ingestP99)).toFixed(2)}`,
    )
    if (old)
      ratios.push(
        `${kind}, ${first.responses.toLocaleString('en-US')} responses: loading every response (old summary, before any math) / whole summary from counters over HTTP: ${(old / first.summaryMs).toFixed(1)}`,
      )
    const at1M = mine.find((s) => s.responses === 1_000_000)
    if (at1M)
      ratios.push(
        `${kind} summary at 1M responses: ${at1M.summaryMs.toFixed(1)} ms median against the 200 ms goal (${(at1M.summaryMs / 200).toFixed(2)} of it)`,
        `${kind} 100-day range with partial days at 1M responses: ${at1M.rangeMs.toFixed(1)} ms median against the 200 ms goal (${(at1M.rangeMs / 200).toFixed(2)} of it)`,
      )
  }
  notes.push(
    'Before: the summary loaded every response of the survey into memory (store/scan.ts) and counted in JS: cost linear in responses (see the ratio above), seconds at 1M. Now: counters per survey, UTC day, question and value (survey_stats, survey_event_stats), updated in the ingest transaction with the delta of each merged step; a summary sums the counter rows of the range (days × counters, a few thousand per survey-year whatever the number of responses; primary-key range scan, plan below). A range that cuts through a day counts the two partial days from raw rows (responses_by_created), so every from/to stays exact.',
    'Tried and fixed on the way: (1) latest text answers for a range: the SQLite planner picked the created_at index and sorted the whole range in a temp B-tree (234 ms for a 100-day range at 100k responses); now responses of the range still updated after its end are read first on (created_at, updated_at), then the rest on (updated_at, created_at) newest first with an early stop, both index-only filters (INDEXED BY on SQLite). (2) That first read ran even without an end to the range, an index scan of every response: 3.2 s for the whole-history summary at 1M; it is skipped when no end is given. (3) The backfill first wrote its counters after every page of 20k responses; on PostgreSQL each rewrite left a dead row version, so the summary counter read walked 320k index entries for 8k live counters at 1M (EXPLAIN ANALYZE: 36 ms); it now sums in memory and writes each counter once.',
    'Cost that remains linear: the upgrade (migration 2 backfill) reads every stored response once; a range query with an end reads the created_at index entries of the range (index only) to find responses updated after its end (the 100-day range column). Not done: choosing between that read and one on the updated_at index from the counters (responses created after the range), which would bound it by the smaller side.',
    'A range with partial days reads the raw responses of those two days: it first selected every column and built whole records; it now selects the five the counters read (answers, finished and three times). 100-day range at 1M, the run before and the run after: SQLite 147.7 → 71.7 ms, PostgreSQL 263.3 → 183.0 ms.',
    'Ingest counters are updated in place on every response and display, so on PostgreSQL they produce dead row versions at the ingest rate; autovacuum reclaims them (default settings here).',
  )
  return {
    title: 'Growth: summary and ingest as the database grows',
    summary: `One survey (NPS, single choice with "other", text) with generated responses spread over a year, ${SIZES.map((s) => s.toLocaleString('en-US')).join(' → ')} responses (plus one response event each and a display for every second one). At each size: migration 2 (survey counters + indexes, backfilled from every stored response, as an upgrade would run it), the summary endpoint over HTTP on the server (src via tsx, child process) (median of 7; a 100-day range with partial days at both ends, median of 5), and ingest latency at a steady ${INGEST_RATE} req/s × ${INGEST_BATCH} events (10% responses; open loop, bench/support/paced.ts). GROWTH_MAX=10000000 adds the 10M step (GROWTH_STORES=sqlite to run one store).`,
    rows: steps.map((s) => ({
      store: s.store,
      responses: s.responses.toLocaleString('en-US'),
      'generate s': s.generateS.toFixed(1),
      'upgrade (backfill) s': s.upgradeS.toFixed(1),
      'summary ms (median)': s.summaryMs.toFixed(1),
      'summary ms (max)': s.summaryMaxMs.toFixed(1),
      '100-day range ms': s.rangeMs.toFixed(1),
      'ingest p50 ms': s.ingestP50.toFixed(1),
      'ingest p99 ms': s.ingestP99.toFixed(1),
      'ingest errors': s.ingestErrors,
      'db MiB': Math.round(s.dbMiB),
    })),
    ratios,
    notes,
  }
}
