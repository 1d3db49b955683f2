/**
 * SQLite adapter (better-sqlite3): WAL journal, synchronous=FULL so a commit is on disk
 * before an ack, and group commit so that many concurrent ingest calls share one fsync. For a
 * database file, ingest runs in a writer thread (sqlite-writer.ts), so no request waits behind
 * the disk on the main thread; an in-memory database cannot be shared, so it ingests in place.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Survey } from '@candor/sdk/schema'
import type Database from 'better-sqlite3'
import { newProjectId, newProjectKey, newWebhookId } from '../ids.js'
import { clampLimit, decodeCursor, paginate } from './cursor.js'
import { buildWhere, eventConds, installIdPattern, responseConds } from './filters.js'
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
import { connectSqlite, type IngestJob, ingestJob, SqliteWrites } from './sqlite-ingest.js'
import { sqliteMigrations } from './sqlite-migrations.js'
import type { WireError, WriterReply, WriterRequest } from './sqlite-writer.js'
import type {
  EventFilter,
  IngestEvent,
  IngestOptions,
  IngestResult,
  Page,
  PageOptions,
  Project,
  ProjectPatch,
  ResponseFilter,
  ResponseRecord,
  Store,
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

const ph = () => '?'

/** One install's rows through `<table>_by_install` (project_id, seq >> 12, install_id): an
 * index seek per epoch of 4,096 rows (migration 3 says why the index is grouped so). */
const installEpochs = (table: 'events' | 'responses') =>
  `install_id = ? AND (seq >> 12) IN (WITH RECURSIVE epoch(n) AS
  (SELECT 0 UNION ALL SELECT n + 1 FROM epoch WHERE n < (SELECT MAX(seq) >> 12 FROM ${table}))
  SELECT n FROM epoch)`
const EVENTS_OF_INSTALL = installEpochs('events')
const RESPONSES_OF_INSTALL = installEpochs('responses')

interface PendingIngest {
  job: IngestJob
  resolve: (r: IngestResult) => void
  reject: (e: unknown) => void
}

/** In development and tests the server runs from TypeScript sources: so does its writer. */
const fromSource = import.meta.url.endsWith('.ts')
const writerUrl = new URL(`./sqlite-writer.${fromSource ? 'ts' : 'js'}`, import.meta.url)

/** A database file by path (not `:memory:`, not a `file:` URI, which may name shared memory). */
const isPlainFile = (path: string) => path !== ':memory:' && !path.startsWith('file:')

const fromWire = (w: WireError) => Object.assign(new Error(w.message), w)

/** Opens (creating if needed) a SQLite database and applies migrations. `:memory:` works. */
export async function openSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<Store> {
  if (isPlainFile(path)) mkdirSync(dirname(path), { recursive: true })
  const store = new SqliteStore(path, options)
  await store.migrate()
  // Started now, not on the first ingest: starting a thread and opening its connection would
  // otherwise delay the first requests after every start.
  store.startWriter()
  return store
}

export interface SqliteStoreOptions {
  /** Ingest in a writer thread (default: yes for a file; an in-memory database never can). */
  writerThread?: boolean
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const
  private readonly db: Database.Database
  private readonly writes: SqliteWrites
  private queue: PendingIngest[] = []
  private flushScheduled = false
  private closed = false
  /** The writer thread (database files only), started on the first ingest. */
  private writer?: Worker
  private readonly sent = new Map<number, PendingIngest>()
  private nextId = 0
  /** Commits made by ingest and requests served by them: group commit makes the first smaller. */
  readonly ingestStats = { commits: 0, requests: 0 }
  private readonly projects = new ProjectCache()

  private readonly useWriter: boolean

  constructor(
    private readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.useWriter = options.writerThread ?? isPlainFile(path)
    this.db = connectSqlite(path)
    this.writes = new SqliteWrites(this.db)
  }

  private stmt(sql: string): Database.Statement {
    return this.writes.stmt(sql)
  }

  async migrate(): Promise<void> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    )
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    )
    for (const m of sqliteMigrations) {
      if (applied.has(m.version)) continue
      this.db
        .transaction(() => {
          this.db.exec(m.sql)
          if (m.backfillSurveyStats) this.backfillSurveyStats()
          this.db
            .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
            .run(m.version, Date.now())
        })
        .immediate()
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    // Finish queued ingests before closing so their callers get acks.
    if (this.queue.length > 0) this.flush()
    const writer = this.writer
    if (writer) {
      writer.ref()
      const stopped = new Promise((r) => writer.once('exit', r))
      writer.postMessage('close' satisfies WriterRequest)
      await stopped
    }
    this.db.close()
  }

  // -- settings ---------------------------------------------------------------------------

  async getSetting(key: string): Promise<string | null> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined
    return row?.value ?? null
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value)
  }

  async initSetting(key: string, value: string): Promise<string> {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
      .run(key, value)
    return (await this.getSetting(key)) as string
  }

  // -- projects ---------------------------------------------------------------------------

  async createProject(input: {
    name: string
    allowedOrigins?: string[]
    settings?: Partial<Project['settings']>
  }): Promise<Project> {
    const project: Project = {
      id: newProjectId(),
      key: newProjectKey(),
      name: input.name,
      allowedOrigins: input.allowedOrigins ?? [],
      settings: { recontactDays: 0, ...input.settings },
      createdAt: Date.now(),
    }
    this.db
      .prepare(
        'INSERT INTO projects (id, key, name, allowed_origins, settings, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        project.id,
        project.key,
        project.name,
        JSON.stringify(project.allowedOrigins),
        JSON.stringify(project.settings),
        project.createdAt,
      )
    return project
  }

  async listProjects(page: PageOptions = {}): Promise<Page<Project>> {
    const limit = clampLimit(page.limit)
    const cursor = decodeCursor(page.cursor)
    const rows = this.db
      .prepare(
        `SELECT seq, * FROM projects ${cursor === null ? '' : 'WHERE seq < ?'} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...(cursor === null ? [] : [cursor]), limit + 1) as Array<ProjectRow & { seq: number }>
    return paginate(rows, limit, toProject)
  }

  async getProject(id: string): Promise<Project | null> {
    const row = this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as
      | ProjectRow
      | undefined
    return row ? toProject(row) : null
  }

  async getProjectByKey(key: string): Promise<Project | null> {
    return this.projects.get(key, async () => {
      const row = this.stmt('SELECT * FROM projects WHERE key = ?').get(key) as
        | ProjectRow
        | undefined
      return row ? toProject(row) : null
    })
  }

  async updateProject(id: string, patch: ProjectPatch): Promise<Project | null> {
    const current = await this.getProject(id)
    if (!current) return null
    this.projects.forget(id)
    const next: Project = {
      ...current,
      name: patch.name ?? current.name,
      allowedOrigins: patch.allowedOrigins ?? current.allowedOrigins,
      settings: { ...current.settings, ...patch.settings },
    }
    this.db
      .prepare('UPDATE projects SET name = ?, allowed_origins = ?, settings = ? WHERE id = ?')
      .run(next.name, JSON.stringify(next.allowedOrigins), JSON.stringify(next.settings), id)
    return next
  }

  async rotateProjectKey(id: string): Promise<Project | null> {
    this.projects.forget(id)
    const info = this.db
      .prepare('UPDATE projects SET key = ? WHERE id = ?')
      .run(newProjectKey(), id)
    return info.changes ? this.getProject(id) : null
  }

  async countProjects(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n
  }

  // -- surveys ----------------------------------------------------------------------------

  async putSurvey(projectId: string, survey: Survey) {
    const now = Date.now()
    return this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT created_at FROM surveys WHERE project_id = ? AND id = ?')
        .get(projectId, survey.id) as { created_at: number } | undefined
      const createdAt = existing?.created_at ?? now
      this.db
        .prepare(
          `INSERT INTO surveys (project_id, id, status, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (project_id, id) DO UPDATE SET status = excluded.status, definition = excluded.definition, updated_at = excluded.updated_at`,
        )
        .run(projectId, survey.id, survey.status, JSON.stringify(survey), createdAt, now)
      return {
        stored: { projectId, survey, createdAt, updatedAt: now },
        created: existing === undefined,
      }
    })()
  }

  async getSurvey(projectId: string, surveyId: string) {
    const row = this.db
      .prepare('SELECT * FROM surveys WHERE project_id = ? AND id = ?')
      .get(projectId, surveyId) as SurveyRow | undefined
    return row ? toSurvey(row) : null
  }

  async listSurveys(projectId: string) {
    const rows = this.db
      .prepare('SELECT * FROM surveys WHERE project_id = ? ORDER BY created_at, id')
      .all(projectId) as SurveyRow[]
    return rows.map(toSurvey)
  }

  async deleteSurvey(projectId: string, surveyId: string): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM surveys WHERE project_id = ? AND id = ?')
        .run(projectId, surveyId).changes > 0
    )
  }

  // -- ingest (group commit) --------------------------------------------------------------

  ingest(
    projectId: string,
    events: IngestEvent[],
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'))
    return new Promise((resolve, reject) => {
      const p = { job: ingestJob(projectId, events, options.webhooks), resolve, reject }
      if (this.useWriter) return this.send(p)
      this.queue.push(p)
      if (!this.flushScheduled) {
        this.flushScheduled = true
        // Requests that arrive in the same turn of the event loop share one transaction.
        setImmediate(() => this.flush())
      }
    })
  }

  private flush(): void {
    this.flushScheduled = false
    const batch = this.queue
    this.queue = []
    if (batch.length === 0) return
    this.ingestStats.commits++
    this.ingestStats.requests += batch.length
    this.writes.ingestGroup(batch.map((p) => p.job)).forEach((o, i) => {
      if ('ok' in o) batch[i]!.resolve(o.ok)
      else batch[i]!.reject(o.error)
    })
  }

  private send(p: PendingIngest): void {
    const id = ++this.nextId
    this.sent.set(id, p)
    const writer = this.startWriter()!
    if (this.sent.size === 1) writer.ref()
    writer.postMessage({ id, job: p.job } satisfies WriterRequest)
  }

  /** Starts the writer thread (a database file only); idle, it does not keep the process up. */
  startWriter(): Worker | undefined {
    if (!this.useWriter) return undefined
    if (this.writer) return this.writer
    const workerData = { path: this.path }
    const writer = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(writerUrl.href)}) })`,
          { eval: true, workerData },
        )
      : new Worker(writerUrl, { workerData })
    writer.on('message', (replies: WriterReply) => {
      this.ingestStats.commits++
      this.ingestStats.requests += replies.length
      for (const r of replies) {
        const p = this.sent.get(r.id)
        this.sent.delete(r.id)
        if (r.ok) p?.resolve(r.ok)
        else p?.reject(fromWire(r.error!))
      }
      // Idle, the thread must not keep the process alive; with calls in flight it must.
      if (this.sent.size === 0) writer.unref()
    })
    const stop = (e?: Error) => {
      if (this.writer === writer) this.writer = undefined
      // An I/O code, so callers answer 503 and clients retry: nothing unacked was committed
      // as far as they know, and a retried event that was is a duplicate, not a double.
      const error = Object.assign(
        new Error(`SQLite writer thread stopped: ${e?.message ?? 'exit'}`),
        {
          code: 'SQLITE_IOERR_WRITER',
        },
      )
      for (const p of this.sent.values()) p.reject(error)
      this.sent.clear()
    }
    writer.on('error', stop)
    writer.on('exit', () => stop())
    writer.unref()
    this.writer = writer
    return writer
  }

  /** Counters for responses stored before the counters existed (migration 2). Responses are
   * read a page at a time (a statement cannot write while one iterates); the deltas, a few per
   * survey, day and value, are summed in memory and written once, so no counter row is
   * rewritten per page. */
  private backfillSurveyStats(): void {
    const page = this.db.prepare('SELECT * FROM responses WHERE seq > ? ORDER BY seq LIMIT 20000')
    let deltas = new StatDeltas()
    for (let last = 0; ; ) {
      const rows = page.all(last) as ResponseRow[]
      if (rows.length === 0) break
      for (const r of rows) deltas.response(null, toResponse(r))
      last = Number(rows[rows.length - 1]!.seq)
      // Many surveys × years of days: write out before memory grows without bound.
      if (deltas.size > 500_000) {
        this.writes.applyDeltas(deltas)
        deltas = new StatDeltas()
      }
    }
    this.writes.applyDeltas(deltas)
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
      responseConds(filter, (b) => (b ? 1 : 0), RESPONSES_OF_INSTALL),
      ph,
      decodeCursor(page.cursor),
    )
    const rows = this.db
      .prepare(`SELECT * FROM responses WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`)
      .all(...w.params, limit + 1) as ResponseRow[]
    return paginate(rows, limit, toResponse)
  }

  async listEvents(projectId: string, filter: EventFilter = {}, page: PageOptions = {}) {
    const limit = clampLimit(page.limit)
    const w = buildWhere(
      projectId,
      eventConds(filter, EVENTS_OF_INSTALL),
      ph,
      decodeCursor(page.cursor),
    )
    const rows = this.db
      .prepare(`SELECT * FROM events WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`)
      .all(...w.params, limit + 1) as EventRow[]
    return paginate(rows, limit, toEvent)
  }

  async countEventsByDay(projectId: string, filter: EventFilter) {
    const w = buildWhere(projectId, eventConds(filter, EVENTS_OF_INSTALL), ph, null)
    return this.db
      .prepare(
        `SELECT strftime('%Y-%m-%d', time / 1000, 'unixepoch') AS day, COUNT(*) AS count
         FROM events WHERE ${w.sql} GROUP BY day ORDER BY day`,
      )
      .all(...w.params) as Array<{ day: string; count: number }>
  }

  async surveyStats(projectId: string, surveyId: string, range: TimeRange = {}) {
    const { whole, edges } = splitRange(range)
    const b = new StatsBuilder()
    if (whole) {
      const conds = ['project_id = ?', 'survey_id = ?']
      const params: unknown[] = [projectId, surveyId]
      if (whole.fromDay !== undefined) {
        conds.push('day >= ?')
        params.push(whole.fromDay)
      }
      if (whole.toDay !== undefined) {
        conds.push('day < ?')
        params.push(whole.toDay)
      }
      const where = conds.join(' AND ')
      // Per-day rows only for the daily series; answer counters summed over the days in SQL.
      const daily = this.stmt(
        `SELECT day, kind, '' AS key, value, SUM(count) AS count FROM survey_stats
         WHERE ${where} AND kind IN ('responses', 'finished') GROUP BY day, kind, value`,
      ).all(...params) as StatRow[]
      const answers = this.stmt(
        `SELECT '' AS day, kind, answer_key AS key, value, SUM(count) AS count FROM survey_stats
         WHERE ${where} AND kind NOT IN ('responses', 'finished') GROUP BY kind, answer_key, value`,
      ).all(...params) as StatRow[]
      for (const r of daily) b.addRow(r)
      for (const r of answers) b.addRow(r)
      const shown = this.stmt(
        `SELECT type, day, SUM(count) AS count FROM survey_event_stats WHERE ${where} GROUP BY type, day`,
      ).all(...params) as Array<{ type: string; day: string; count: number }>
      for (const e of shown) b.addEvents(e.type, e.day, e.count)
    }
    for (const edge of edges) {
      const rows = this.stmt(
        `SELECT ${COUNTED_COLUMNS} FROM responses WHERE project_id = ? AND survey_id = ? AND created_at >= ? AND created_at < ?`,
      ).iterate(projectId, surveyId, edge.from, edge.to) as Iterable<ResponseRow>
      for (const r of rows) b.addResponse(toCounted(r))
      for (const type of ['display', 'dismiss'] as const)
        for (const d of await this.countEventsByDay(projectId, { type, surveyId, ...edge }))
          b.addEvents(type, d.day, d.count)
    }
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
    type Row = Pick<ResponseRow, 'response_id' | 'answers' | 'answer_times' | 'updated_at'>
    const cols = 'response_id, answers, answer_times, updated_at'
    const from = range.from ?? Number.MIN_SAFE_INTEGER
    const to = range.to ?? Number.MAX_SAFE_INTEGER
    // Rows must arrive newest updated_at first. Responses of the range still updated after
    // its end come first (few; found on the created_at index without reading other rows),
    // then the rest newest first on the updated_at index, which stops as soon as no older
    // response can change the answer. Both indexes carry both times, so filtering reads no row.
    // Without an end to the range no response can be updated after it.
    const late = (
      range.to === undefined
        ? []
        : this.stmt(
            `SELECT ${cols} FROM responses INDEXED BY responses_by_created
       WHERE project_id = ? AND survey_id = ? AND created_at >= ? AND created_at < ? AND updated_at >= ?
       ORDER BY updated_at DESC`,
          ).all(projectId, surveyId, from, to, to)
    ) as Row[]
    const rest = this.stmt(
      `SELECT ${cols} FROM responses INDEXED BY responses_by_updated
       WHERE project_id = ? AND survey_id = ? AND updated_at < ? AND created_at >= ? AND created_at < ?
       ORDER BY updated_at DESC`,
    ).iterate(projectId, surveyId, to, from, to) as Iterable<Row>
    const feed = (r: Row) =>
      latest.add({
        id: r.response_id,
        answers: JSON.parse(r.answers as string),
        answerTimes: JSON.parse(r.answer_times as string),
        updatedAt: Number(r.updated_at),
      })
    for (const r of late) if (feed(r)) return latest.result()
    // Leaving the loop early closes the statement's cursor.
    for (const r of rest) if (feed(r)) break
    return latest.result()
  }

  async forget(projectId: string, installId: string) {
    return this.db.transaction(() => {
      // Take the erased rows out of the survey counters first.
      const deltas = new StatDeltas()
      const shown = this.db
        .prepare(
          `SELECT survey_id, type, time FROM events WHERE project_id = ? AND ${EVENTS_OF_INSTALL}
           AND type IN ('display', 'dismiss') AND survey_id IS NOT NULL`,
        )
        .all(projectId, installId) as Array<{ survey_id: string; type: string; time: number }>
      for (const e of shown) deltas.event(projectId, e.survey_id, e.type, e.time, -1)
      const gone = this.db
        .prepare(`SELECT * FROM responses WHERE project_id = ? AND ${RESPONSES_OF_INSTALL}`)
        .all(projectId, installId) as ResponseRow[]
      for (const r of gone) deltas.response(toResponse(r), null)
      this.writes.applyDeltas(deltas)
      const events = this.db
        .prepare(`DELETE FROM events WHERE project_id = ? AND ${EVENTS_OF_INSTALL}`)
        .run(projectId, installId).changes
      const responses = this.db
        .prepare(`DELETE FROM responses WHERE project_id = ? AND ${RESPONSES_OF_INSTALL}`)
        .run(projectId, installId).changes
      const webhookDeliveries = this.db
        .prepare(
          `DELETE FROM webhook_deliveries WHERE project_id = ? AND payload LIKE ? ESCAPE '\\'`,
        )
        .run(projectId, installIdPattern(installId)).changes
      return { events, responses, webhookDeliveries }
    })()
  }

  // -- webhooks ---------------------------------------------------------------------------

  async createWebhook(projectId: string, url: string, secret: string) {
    const hook = { id: newWebhookId(), projectId, url, secret, active: true, createdAt: Date.now() }
    this.db
      .prepare(
        'INSERT INTO webhooks (id, project_id, url, secret, active, created_at) VALUES (?, ?, ?, ?, 1, ?)',
      )
      .run(hook.id, projectId, url, secret, hook.createdAt)
    return hook
  }

  async listWebhooks(projectId: string) {
    const rows = this.db
      .prepare('SELECT * FROM webhooks WHERE project_id = ? ORDER BY seq')
      .all(projectId) as WebhookRow[]
    return rows.map(toWebhook)
  }

  async deleteWebhook(projectId: string, id: string) {
    return (
      this.db.prepare('DELETE FROM webhooks WHERE project_id = ? AND id = ?').run(projectId, id)
        .changes > 0
    )
  }

  async enqueueDeliveries(
    deliveries: Array<Pick<WebhookDelivery, 'webhookId' | 'projectId' | 'event' | 'payload'>>,
  ) {
    this.db.transaction(() => this.writes.insertDeliveries(deliveries))()
  }

  async claimDeliveries(now: number, limit: number, leaseMs: number) {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
           ORDER BY next_attempt_at LIMIT ?`,
        )
        .all(now, limit) as DeliveryRow[]
      const lease = this.db.prepare(
        'UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?',
      )
      for (const r of rows) lease.run(now + leaseMs, r.id)
      return rows.map(toDelivery)
    })()
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
    this.db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
         last_status = ?, last_error = ?, updated_at = ? WHERE id = ?`,
      )
      .run(o.status, o.nextAttemptAt, o.lastStatus, o.lastError, Date.now(), id)
  }

  async listDeliveries(projectId: string, page: PageOptions = {}) {
    const limit = clampLimit(page.limit)
    const w = buildWhere(projectId, [], ph, decodeCursor(page.cursor))
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE ${w.sql} ORDER BY seq DESC LIMIT ?`)
      .all(...w.params, limit + 1) as DeliveryRow[]
    return paginate(rows, limit, toDelivery)
  }
}
