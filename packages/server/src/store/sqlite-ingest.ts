/**
 * The SQLite write path of ingest, shared by the store's own connection (in-memory databases)
 * and the writer thread (database files): a group of requests is stored in one transaction, so
 * they share one fsync, and a request that fails is retried alone, so it fails only itself.
 */

import type { ResponseEvent } from '@candor/sdk/schema'
import Database from 'better-sqlite3'
import { newDeliveryId } from '../ids.js'
import { mergeResponseStep } from '../ingest/merge.js'
import { finishedDeliveries } from '../serialize.js'
import {
  type EventRowValues,
  eventRowValues,
  type ResponseRow,
  responseValues,
  toResponse,
} from './rows.js'
import type { IngestEvent, IngestResult, ResponseRecord, WebhookDelivery } from './store.js'
import { StatDeltas } from './survey-stats.js'

/** One ingest call, as it crosses to the writer thread (plain data only). */
export interface IngestJob {
  projectId: string
  rows: EventRowValues[]
  webhooks?: boolean
}

export const ingestJob = (
  projectId: string,
  events: IngestEvent[],
  webhooks?: boolean,
): IngestJob => ({
  projectId,
  webhooks,
  // Built on the main thread: the writer thread is the busier of the two.
  rows: events.map(({ event, time, receivedAt }) => eventRowValues(event, time, receivedAt)),
})

export type JobOutcome = { ok: IngestResult } | { error: unknown }

/** A connection with the settings every Candor connection uses: WAL, and synchronous=FULL so
 * a commit is on disk before its ack. */
export function connectSqlite(path: string): Database.Database {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}

export class SqliteWrites {
  /** Prepared statements by SQL text: preparing costs more than running a small insert. */
  private readonly statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql)
    if (!st) {
      st = this.db.prepare(sql)
      this.statements.set(sql, st)
    }
    return st
  }

  /** Stores a group of ingest calls, in one transaction when they all succeed. */
  ingestGroup(jobs: IngestJob[]): JobOutcome[] {
    const one = (list: IngestJob[]) =>
      this.db.transaction(() => {
        const deltas = new StatDeltas()
        const out = list.map((job) => this.ingestNow(job, deltas))
        this.applyDeltas(deltas)
        return out
      })()
    try {
      return one(jobs).map((ok) => ({ ok }))
    } catch (error) {
      if (jobs.length === 1) return [{ error }]
      // One bad call must not fail the others.
      return jobs.map((job) => {
        try {
          return { ok: one([job])[0]! }
        } catch (error) {
          return { error }
        }
      })
    }
  }

  private ingestNow({ projectId, rows, webhooks }: IngestJob, deltas: StatDeltas): IngestResult {
    const insert = this.stmt(
      `INSERT INTO events (project_id, event_id, type, install_id, user_id, survey_id, response_id, name, time, received_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, event_id) DO NOTHING`,
    )
    const result: IngestResult = { accepted: 0, duplicates: 0, finished: [] }
    for (const values of rows) {
      const [, type, , , surveyId, , , time] = values
      const info = insert.run(projectId, ...values)
      if (info.changes === 0) {
        result.duplicates++
        continue
      }
      result.accepted++
      if ((type === 'display' || type === 'dismiss') && surveyId)
        deltas.event(projectId, surveyId, type, time)
      if (type !== 'response') continue
      const event = JSON.parse(values[9]) as ResponseEvent
      const row = this.stmt('SELECT * FROM responses WHERE project_id = ? AND response_id = ?').get(
        projectId,
        event.responseId,
      ) as ResponseRow | undefined
      const before = row ? toResponse(row) : null
      const merged = mergeResponseStep(before, projectId, event, time)
      this.upsertResponse(merged)
      deltas.response(before, merged)
      if (merged.finished && !before?.finished) result.finished.push(merged)
    }
    if (result.finished.length && webhooks) {
      const hooks = this.stmt(
        'SELECT id FROM webhooks WHERE project_id = ? AND active = 1 ORDER BY seq',
      ).all(projectId) as Array<{ id: string }>
      this.insertDeliveries(
        finishedDeliveries(
          projectId,
          hooks.map((h) => h.id),
          result.finished,
        ),
      )
    }
    return result
  }

  private upsertResponse(r: ResponseRecord): void {
    const v = responseValues(r)
    this.stmt(
      `INSERT INTO responses (project_id, response_id, survey_id, install_id, user_id, answers, answer_times, finished, created_at, updated_at, finished_at, url, locale, attributes)
         VALUES (@project_id, @response_id, @survey_id, @install_id, @user_id, @answers, @answer_times, @finished, @created_at, @updated_at, @finished_at, @url, @locale, @attributes)
         ON CONFLICT (project_id, response_id) DO UPDATE SET user_id = excluded.user_id, answers = excluded.answers,
           answer_times = excluded.answer_times, finished = excluded.finished, created_at = excluded.created_at,
           updated_at = excluded.updated_at, finished_at = excluded.finished_at, url = excluded.url,
           locale = excluded.locale, attributes = excluded.attributes`,
    ).run({ ...v, finished: v.finished ? 1 : 0 })
  }

  /** Adds counter deltas; runs inside the caller's transaction. */
  applyDeltas(deltas: StatDeltas): void {
    const addStat = this.stmt(
      `INSERT INTO survey_stats (project_id, survey_id, day, kind, answer_key, value, count)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (project_id, survey_id, day, kind, answer_key, value) DO UPDATE SET count = count + excluded.count`,
    )
    for (const d of deltas.responseRows())
      addStat.run(d.projectId, d.surveyId, d.day, d.kind, d.key, d.value, d.count)
    const addEvent = this.stmt(
      `INSERT INTO survey_event_stats (project_id, survey_id, type, day, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (project_id, survey_id, type, day) DO UPDATE SET count = count + excluded.count`,
    )
    for (const d of deltas.eventRows())
      addEvent.run(d.projectId, d.surveyId, d.type, d.day, d.count)
  }

  /** Runs inside the caller's transaction. */
  insertDeliveries(
    deliveries: Array<Pick<WebhookDelivery, 'webhookId' | 'projectId' | 'event' | 'payload'>>,
  ): void {
    const now = Date.now()
    const insert = this.stmt(
      `INSERT INTO webhook_deliveries (id, webhook_id, project_id, event, payload, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
    )
    for (const d of deliveries)
      insert.run(newDeliveryId(), d.webhookId, d.projectId, d.event, d.payload, now, now, now)
  }
}
