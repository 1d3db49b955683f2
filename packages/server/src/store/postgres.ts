/**
 * PostgreSQL adapter (pg): the store for N stateless replicas. Every write that several
 * replicas may race on is made safe in SQL: event ids by a unique key, response merges by a
 * row lock, webhook claims by FOR UPDATE SKIP LOCKED. Commits are durable before the ack
 * (synchronous_commit stays on). Ingest calls share transactions (group commit, below and
 * postgres-ingest.ts).
 */
import type { Survey } from '@candor/sdk/schema'
import pg from 'pg'
import { newProjectId, newProjectKey, newWebhookId } from '../ids.js'
import { clampLimit, decodeCursor, paginate } from './cursor.js'
import { classifyStoreError } from './errors.js'
import { buildWhere, eventConds, installIdPattern, responseConds } from './filters.js'
import { applyDeltas, type IngestCall, ingestGroup, insertDeliveries } from './postgres-ingest.js'
import { postgresMigrations } from './postgres-migrations.js'
import { ProjectCache } from './project-cache.js'
import {
  COUNTED_COLUMNS,
  type DeliveryRow,
  type EventRow,
  type ProjectRow,
  type ResponseRow,
  type SurveyRow,
  toCounted,
  toDelivery,
  toEvent,
  toProject,
  toResponse,
  toSurvey,
  toWebhook,
  type WebhookRow,
} from './rows.js'
import type {
  EventFilter,
  IngestEvent,
  IngestOptions,
  IngestResult,
  NewProject,
  Page,
  PageOptions,
  Project,
  ProjectPatch,
  ResponseFilter,
  ResponseRecord,
  Store,
  StoredSurvey,
  WebhookDelivery,
} from './store.js'
import {
  LatestTexts,
  StatDeltas,
  type StatRow,
  StatsBuilder,
  splitRange,
  type TimeRange,
} from './survey-stats.js'

const ph = (n: number) => `$${n}`
/** Arbitrary constant: the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK = 7_170_431_221
/** Ingest transactions one store runs at once (lanes). Each takes every call queued when it
 * starts, so the busier the lanes, the larger the groups: one commit (one WAL flush, a fixed
 * number of round trips) then serves many calls, and while one lane waits for its flush the
 * others run statements. On 2 cores 2 to 6 lanes measured alike; 4 leaves 6 of the pool's 10
 * connections to reads. */
const INGEST_LANES = 4
/** Bounds a group's statements and the time it holds its row locks. */
const MAX_GROUP_EVENTS = 5_000

interface PendingIngest {
  call: IngestCall
  resolve: (r: IngestResult) => void
  reject: (e: unknown) => void
}

export async function openPostgresStore(
  connectionString: string,
  poolOptions: pg.PoolConfig = {},
): Promise<Store> {
  // A database that hangs (partition) rather than refuses: a request waiting 5 s for a
  // connection gets a 503, not a hung socket; keepAlive finds dead connections.
  const store = new PostgresStore(
    new pg.Pool({
      connectionString,
      max: 10,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      ...poolOptions,
    }),
  )
  try {
    await store.migrate()
  } catch (err) {
    await store.close()
    throw err
  }
  return store
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const
  private closed = false
  private readonly projects = new ProjectCache()
  private queue: PendingIngest[] = []
  private pumpScheduled = false
  private lanesBusy = 0
  private readonly idleWaiters: Array<() => void> = []

  constructor(private readonly pool: pg.Pool) {
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {})
  }

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
    return this.pool.query<R>(sql, params)
  }

  /** Runs fn in a transaction; a deadlock or serialization failure (two replicas locking the
   * same rows) is retried, since the transaction had no effect. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect()
      // A checked-out client has no pool listener: a socket that died while idle (the database
      // restarted) emits 'error' on the first write, which unhandled would crash the process.
      // The failed query rejects too; the broken client is then destroyed, not pooled again.
      let broken: Error | undefined
      const onError = (err: Error) => {
        broken = err
      }
      client.on('error', onError)
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        const code = (err as { code?: unknown }).code
        if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw err
      } finally {
        client.off('error', onError)
        client.release(broken)
      }
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt))
    }
  }

  async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      )
      const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_migrations')
      const applied = new Set(rows.map((r) => r.version))
      for (const m of postgresMigrations) {
        if (applied.has(m.version)) continue
        await c.query(m.sql)
        if (m.backfillSurveyStats) await backfillSurveyStats(c)
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          m.version,
          Date.now(),
        ])
      }
    })
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false
    try {
      await this.q('SELECT 1')
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    // Queued and running ingests finish first, so their callers get acks.
    await this.idle()
    await this.pool.end()
  }

  // -- settings ---------------------------------------------------------------------------

  async getSetting(key: string): Promise<string | null> {
    const { rows } = await this.q<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
      key,
    ])
    return rows[0]?.value ?? null
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.q(
      'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    )
  }

  async initSetting(key: string, value: string): Promise<string> {
    await this.q('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      key,
      value,
    ])
    return (await this.getSetting(key)) as string
  }

  // -- projects ---------------------------------------------------------------------------

  async createProject(input: NewProject): Promise<Project> {
    const project: Project = {
      id: newProjectId(),
      key: newProjectKey(),
      name: input.name,
      allowedOrigins: input.allowedOrigins ?? [],
      settings: { recontactDays: 0, ...input.settings },
      createdAt: Date.now(),
    }
    await this.q(
      'INSERT INTO projects (id, key, name, allowed_origins, settings, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        project.id,
        project.key,
        project.name,
        JSON.stringify(project.allowedOrigins),
        JSON.stringify(project.settings),
        project.createdAt,
      ],
    )
    return project
  }

  async listProjects(page: PageOptions = {}): Promise<Page<Project>> {
    const limit = clampLimit(page.limit)
    const cursor = decodeCursor(page.cursor)
    const params: unknown[] = cursor === null ? [limit + 1] : [cursor, limit + 1]
    const { rows } = await this.q<ProjectRow & { seq: string }>(
      `SELECT * FROM projects ${cursor === null ? '' : 'WHERE seq < $1'} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    )
    return paginate(rows, limit, toProject)
  }

  async getProject(id: string): Promise<Project | null> {
    const { rows } = await this.q<ProjectRow>('SELECT * FROM projects WHERE id = $1', [id])
    return rows[0] ? toProject(rows[0]) : null
  }

  async getProjectByKey(key: string): Promise<Project | null> {
    return this.projects.get(key, async () => {
      const { rows } = await this.q<ProjectRow>('SELECT * FROM projects WHERE key = $1', [key])
      return rows[0] ? toProject(rows[0]) : null
    })
  }

  async updateProject(id: string, patch: ProjectPatch): Promise<Project | null> {
    // Dropped after the write too: a lookup that raced it may have cached the old row.
    this.projects.forget(id)
    const updated = await this.updateProjectRow(id, patch)
    this.projects.forget(id)
    return updated
  }

  private updateProjectRow(id: string, patch: ProjectPatch): Promise<Project | null> {
    return this.tx(async (c) => {
      const { rows } = await c.query<ProjectRow>(
        'SELECT * FROM projects WHERE id = $1 FOR UPDATE',
        [id],
      )
      if (!rows[0]) return null
      const current = toProject(rows[0])
      const next: Project = {
        ...current,
        name: patch.name ?? current.name,
        allowedOrigins: patch.allowedOrigins ?? current.allowedOrigins,
        settings: { ...current.settings, ...patch.settings },
      }
      await c.query(
        'UPDATE projects SET name = $1, allowed_origins = $2, settings = $3 WHERE id = $4',
        [next.name, JSON.stringify(next.allowedOrigins), JSON.stringify(next.settings), id],
      )
      return next
    })
  }

  async rotateProjectKey(id: string): Promise<Project | null> {
    this.projects.forget(id)
    const { rows } = await this.q<ProjectRow>(
      'UPDATE projects SET key = $1 WHERE id = $2 RETURNING *',
      [newProjectKey(), id],
    )
    this.projects.forget(id)
    return rows[0] ? toProject(rows[0]) : null
  }

  async countProjects(): Promise<number> {
    const { rows } = await this.q<{ n: string }>('SELECT COUNT(*) AS n FROM projects')
    return Number(rows[0]!.n)
  }

  // -- surveys ----------------------------------------------------------------------------

  async putSurvey(projectId: string, survey: Survey) {
    const now = Date.now()
    // xmax = 0 only on a freshly inserted row: tells insert from update in one statement.
    const { rows } = await this.q<{ created_at: string; inserted: boolean }>(
      `INSERT INTO surveys (project_id, id, status, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (project_id, id) DO UPDATE SET status = excluded.status, definition = excluded.definition, updated_at = excluded.updated_at
       RETURNING created_at, (xmax = 0) AS inserted`,
      [projectId, survey.id, survey.status, JSON.stringify(survey), now],
    )
    const row = rows[0]!
    const stored: StoredSurvey = {
      projectId,
      survey,
      createdAt: Number(row.created_at),
      updatedAt: now,
    }
    return { stored, created: row.inserted }
  }

  async getSurvey(projectId: string, surveyId: string) {
    const { rows } = await this.q<SurveyRow>(
      'SELECT * FROM surveys WHERE project_id = $1 AND id = $2',
      [projectId, surveyId],
    )
    return rows[0] ? toSurvey(rows[0]) : null
  }

  async listSurveys(projectId: string) {
    const { rows } = await this.q<SurveyRow>(
      'SELECT * FROM surveys WHERE project_id = $1 ORDER BY created_at, id',
      [projectId],
    )
    return rows.map(toSurvey)
  }

  async deleteSurvey(projectId: string, surveyId: string): Promise<boolean> {
    const r = await this.q('DELETE FROM surveys WHERE project_id = $1 AND id = $2', [
      projectId,
      surveyId,
    ])
    return (r.rowCount ?? 0) > 0
  }

  // -- ingest (group commit) --------------------------------------------------------------

  ingest(
    projectId: string,
    events: IngestEvent[],
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0, finished: [] })
    return new Promise((resolve, reject) => {
      this.queue.push({
        call: { projectId, events, webhooks: options.webhooks ?? false },
        resolve,
        reject,
      })
      if (!this.pumpScheduled) {
        this.pumpScheduled = true
        // Calls that arrive in the same turn of the event loop share a transaction.
        setImmediate(() => {
          this.pumpScheduled = false
          this.pump()
        })
      }
    })
  }

  /** Starts a group transaction on each free lane; a lane takes everything queued (up to
   * MAX_GROUP_EVENTS), so the busier the lanes, the larger the groups. */
  private pump(): void {
    while (this.lanesBusy < INGEST_LANES && this.queue.length > 0) {
      const group = this.takeGroup()
      this.lanesBusy++
      void this.runGroup(group).finally(() => {
        this.lanesBusy--
        this.pump()
        if (this.lanesBusy === 0 && this.queue.length === 0)
          for (const done of this.idleWaiters.splice(0)) done()
      })
    }
  }

  /** The oldest queued calls, as many as fit in MAX_GROUP_EVENTS (at least one). */
  private takeGroup(): PendingIngest[] {
    let n = 1
    for (let events = this.queue[0]!.call.events.length; n < this.queue.length; n++) {
      events += this.queue[n]!.call.events.length
      if (events > MAX_GROUP_EVENTS) break
    }
    return this.queue.splice(0, n)
  }

  /** Acks each call once its group has committed. A group that fails because the database
   * cannot serve fails all its calls alike (503); any other failure may come from one call's
   * content (PostgreSQL rejects the whole statement), so each call is re-run alone, in arrival
   * order, and only the bad one fails, with the error it gets alone. */
  private async runGroup(group: PendingIngest[]): Promise<void> {
    const run = (calls: IngestCall[]) => this.tx((c) => ingestGroup(c, calls))
    try {
      const results = await run(group.map((p) => p.call))
      for (const [i, p] of group.entries()) p.resolve(results[i]!)
      return
    } catch (err) {
      if (group.length === 1 || classifyStoreError(err)) {
        for (const p of group) p.reject(err)
        return
      }
    }
    for (const [i, p] of group.entries()) {
      try {
        p.resolve((await run([p.call]))[0]!)
      } catch (err) {
        p.reject(err)
        // The database went away meanwhile: the rest would only wait to fail the same way.
        if (classifyStoreError(err)) {
          for (const rest of group.slice(i + 1)) rest.reject(err)
          return
        }
      }
    }
  }

  /** Resolves once no ingest is queued or running. */
  private idle(): Promise<void> {
    if (this.lanesBusy === 0 && this.queue.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  // -- reads ------------------------------------------------------------------------------

  async listResponses(
    projectId: string,
    filter: ResponseFilter = {},
    page: PageOptions = {},
  ): Promise<Page<ResponseRecord>> {
    const limit = clampLimit(page.limit)
    const w = buildWhere(
      projectId,
      responseConds(filter, (b) => b),
      ph,
      decodeCursor(page.cursor),
    )
    const { rows } = await this.q<ResponseRow>(
      `SELECT * FROM responses WHERE ${w.sql} ORDER BY seq DESC LIMIT $${w.params.length + 1}`,
      [...w.params, limit + 1],
    )
    return paginate(rows, limit, toResponse)
  }

  async listEvents(projectId: string, filter: EventFilter = {}, page: PageOptions = {}) {
    const limit = clampLimit(page.limit)
    const w = buildWhere(projectId, eventConds(filter), ph, decodeCursor(page.cursor))
    const { rows } = await this.q<EventRow>(
      `SELECT * FROM events WHERE ${w.sql} ORDER BY seq DESC LIMIT $${w.params.length + 1}`,
      [...w.params, limit + 1],
    )
    return paginate(rows, limit, toEvent)
  }

  async countEventsByDay(projectId: string, filter: EventFilter) {
    const w = buildWhere(projectId, eventConds(filter), ph, null)
    const { rows } = await this.q<{ day: string; count: string }>(
      `SELECT to_char(to_timestamp(time / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COUNT(*) AS count
       FROM events WHERE ${w.sql} GROUP BY day ORDER BY day`,
      w.params,
    )
    return rows.map((r) => ({ day: r.day, count: Number(r.count) }))
  }

  async surveyStats(projectId: string, surveyId: string, range: TimeRange = {}) {
    const { whole, edges } = splitRange(range)
    const b = new StatsBuilder()
    const work: Array<Promise<void>> = []
    if (whole) {
      const conds = ['project_id = $1', 'survey_id = $2']
      const params: unknown[] = [projectId, surveyId]
      if (whole.fromDay !== undefined) {
        params.push(whole.fromDay)
        conds.push(`day >= $${params.length}`)
      }
      if (whole.toDay !== undefined) {
        params.push(whole.toDay)
        conds.push(`day < $${params.length}`)
      }
      const where = conds.join(' AND ')
      const stat = (r: StatRow & { count: string | number }) =>
        b.addRow({ ...r, count: Number(r.count) })
      // Per-day rows only for the daily series; answer counters summed over the days in SQL.
      work.push(
        this.q<StatRow>(
          `SELECT day, kind, '' AS key, value, SUM(count) AS count FROM survey_stats
           WHERE ${where} AND kind IN ('responses', 'finished') GROUP BY day, kind, value`,
          params,
        ).then((r) => r.rows.forEach(stat)),
        this.q<StatRow>(
          `SELECT '' AS day, kind, answer_key AS key, value, SUM(count) AS count FROM survey_stats
           WHERE ${where} AND kind NOT IN ('responses', 'finished') GROUP BY kind, answer_key, value`,
          params,
        ).then((r) => r.rows.forEach(stat)),
        this.q<{ type: string; day: string; count: string }>(
          `SELECT type, day, SUM(count) AS count FROM survey_event_stats WHERE ${where} GROUP BY type, day`,
          params,
        ).then((r) => {
          for (const e of r.rows) b.addEvents(e.type, e.day, Number(e.count))
        }),
      )
    }
    for (const edge of edges) {
      work.push(
        this.q<ResponseRow>(
          `SELECT ${COUNTED_COLUMNS} FROM responses WHERE project_id = $1 AND survey_id = $2 AND created_at >= $3 AND created_at < $4`,
          [projectId, surveyId, edge.from, edge.to],
        ).then((r) => {
          for (const row of r.rows) b.addResponse(toCounted(row))
        }),
      )
      for (const type of ['display', 'dismiss'] as const)
        work.push(
          this.countEventsByDay(projectId, { type, surveyId, ...edge }).then((days) => {
            for (const d of days) b.addEvents(type, d.day, d.count)
          }),
        )
    }
    await Promise.all(work)
    return b.build()
  }

  async latestTexts(
    projectId: string,
    surveyId: string,
    expected: Record<string, number>,
    range: TimeRange = {},
  ) {
    const latest = new LatestTexts(expected)
    if (latest.empty) return latest.result()
    type Row = {
      seq: string
      response_id: string
      answers: Record<string, never>
      answer_times: Record<string, number>
      updated_at: string
    }
    const cols = 'seq, response_id, answers, answer_times, updated_at'
    const from = range.from ?? Number.MIN_SAFE_INTEGER
    const to = range.to ?? Number.MAX_SAFE_INTEGER
    const feed = (r: Row) =>
      latest.add({
        id: r.response_id,
        answers: r.answers,
        answerTimes: r.answer_times,
        updatedAt: Number(r.updated_at),
      })
    // Rows must arrive newest updated_at first: responses of the range still updated after
    // its end (few; the created_at index carries updated_at), then the rest a page at a time
    // on the updated_at index until no older response can change the answer.
    // Without an end to the range no response can be updated after it.
    const late =
      range.to === undefined
        ? { rows: [] as Row[] }
        : await this.q<Row>(
            `SELECT ${cols} FROM responses WHERE project_id = $1 AND survey_id = $2
       AND created_at >= $3 AND created_at < $4 AND updated_at >= $4 ORDER BY updated_at DESC`,
            [projectId, surveyId, from, to],
          )
    for (const r of late.rows) if (feed(r)) return latest.result()
    let after: { updatedAt: string; seq: string } | null = null
    for (let pageSize = 100; ; pageSize = Math.min(pageSize * 4, 5000)) {
      const params: unknown[] = [projectId, surveyId, from, to]
      let keyset = ''
      if (after) {
        params.push(after.updatedAt, after.seq)
        keyset = ' AND (updated_at, seq) < ($5, $6)'
      }
      params.push(pageSize)
      const { rows } = await this.q<Row>(
        `SELECT ${cols} FROM responses WHERE project_id = $1 AND survey_id = $2
         AND created_at >= $3 AND created_at < $4 AND updated_at < $4${keyset}
         ORDER BY updated_at DESC, seq DESC LIMIT $${params.length}`,
        params,
      )
      for (const r of rows) if (feed(r)) return latest.result()
      const last = rows[rows.length - 1]
      if (rows.length < pageSize || !last) return latest.result()
      after = { updatedAt: last.updated_at, seq: last.seq }
    }
  }

  async forget(projectId: string, installId: string) {
    return this.tx(async (c) => {
      // Take the erased rows out of the survey counters first.
      const deltas = new StatDeltas()
      const shown = await c.query<{ survey_id: string; type: string; time: string }>(
        `SELECT survey_id, type, time FROM events WHERE project_id = $1 AND install_id = $2
         AND type IN ('display', 'dismiss') AND survey_id IS NOT NULL`,
        [projectId, installId],
      )
      for (const e of shown.rows) deltas.event(projectId, e.survey_id, e.type, Number(e.time), -1)
      const gone = await c.query<ResponseRow>(
        'SELECT * FROM responses WHERE project_id = $1 AND install_id = $2 FOR UPDATE',
        [projectId, installId],
      )
      for (const r of gone.rows) deltas.response(toResponse(r), null)
      await applyDeltas(c, deltas)
      const e = await c.query('DELETE FROM events WHERE project_id = $1 AND install_id = $2', [
        projectId,
        installId,
      ])
      const r = await c.query('DELETE FROM responses WHERE project_id = $1 AND install_id = $2', [
        projectId,
        installId,
      ])
      const d = await c.query(
        `DELETE FROM webhook_deliveries WHERE project_id = $1 AND payload LIKE $2 ESCAPE '\\'`,
        [projectId, installIdPattern(installId)],
      )
      return {
        events: e.rowCount ?? 0,
        responses: r.rowCount ?? 0,
        webhookDeliveries: d.rowCount ?? 0,
      }
    })
  }

  // -- webhooks ---------------------------------------------------------------------------

  async createWebhook(projectId: string, url: string, secret: string) {
    const hook = { id: newWebhookId(), projectId, url, secret, active: true, createdAt: Date.now() }
    await this.q(
      'INSERT INTO webhooks (id, project_id, url, secret, active, created_at) VALUES ($1, $2, $3, $4, true, $5)',
      [hook.id, projectId, url, secret, hook.createdAt],
    )
    return hook
  }

  async listWebhooks(projectId: string) {
    const { rows } = await this.q<WebhookRow>(
      'SELECT * FROM webhooks WHERE project_id = $1 ORDER BY seq',
      [projectId],
    )
    return rows.map(toWebhook)
  }

  async deleteWebhook(projectId: string, id: string) {
    const r = await this.q('DELETE FROM webhooks WHERE project_id = $1 AND id = $2', [
      projectId,
      id,
    ])
    return (r.rowCount ?? 0) > 0
  }

  async enqueueDeliveries(
    deliveries: Array<Pick<WebhookDelivery, 'webhookId' | 'projectId' | 'event' | 'payload'>>,
  ) {
    await insertDeliveries(this.pool, deliveries)
  }

  async claimDeliveries(now: number, limit: number, leaseMs: number) {
    const { rows } = await this.q<DeliveryRow>(
      `UPDATE webhook_deliveries SET next_attempt_at = $3
       WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, limit, now + leaseMs],
    )
    return rows.map(toDelivery)
  }

  async recordDeliveryAttempt(
    id: string,
    o: {
      status: WebhookDelivery['status']
      nextAttemptAt: number
      lastStatus: number | null
      lastError: string | null
    },
  ) {
    await this.q(
      `UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, next_attempt_at = $2,
       last_status = $3, last_error = $4, updated_at = $5 WHERE id = $6`,
      [o.status, o.nextAttemptAt, o.lastStatus, o.lastError, Date.now(), id],
    )
  }

  async listDeliveries(projectId: string, page: PageOptions = {}) {
    const limit = clampLimit(page.limit)
    const w = buildWhere(projectId, [], ph, decodeCursor(page.cursor))
    const { rows } = await this.q<DeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE ${w.sql} ORDER BY seq DESC LIMIT $${w.params.length + 1}`,
      [...w.params, limit + 1],
    )
    return paginate(rows, limit, toDelivery)
  }
}

/** Counters for responses stored before the counters existed (migration 2): responses read
 * in pages, deltas summed in memory (a few per survey, day and value) and written once, so no
 * counter row is rewritten (and left dead) per page. */
async function backfillSurveyStats(c: pg.PoolClient): Promise<void> {
  let deltas = new StatDeltas()
  for (let last = '0'; ; ) {
    const { rows } = await c.query<ResponseRow>(
      'SELECT * FROM responses WHERE seq > $1 ORDER BY seq LIMIT 20000',
      [last],
    )
    if (rows.length === 0) break
    for (const r of rows) deltas.response(null, toResponse(r))
    last = String(rows[rows.length - 1]!.seq)
    // Many surveys × years of days: write out before memory grows without bound.
    if (deltas.size > 500_000) {
      await applyDeltas(c, deltas)
      deltas = new StatDeltas()
    }
  }
  await applyDeltas(c, deltas)
}
