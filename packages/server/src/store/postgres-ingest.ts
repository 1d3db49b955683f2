/**
 * The PostgreSQL ingest transaction, set-based over a group of calls (any projects): the store
 * runs the calls that queue while its lanes are busy as ONE transaction (group commit, as
 * sqlite-writer.ts does), so they share one WAL flush and a fixed number of round trips instead
 * of 3-8 each. Each call still gets the result it would get had the calls run one after another
 * in arrival order. A group of one is the plain single-call ingest. The counter and webhook
 * delivery writes live here too; forget, the counter backfill and enqueueDeliveries reuse them.
 */
import type { ResponseEvent } from '@candor/sdk/schema'
import type pg from 'pg'
import { newDeliveryId } from '../ids.js'
import { mergeResponseStep } from '../ingest/merge.js'
import { finishedDeliveries } from '../serialize.js'
import { eventColumns, type ResponseRow, toResponse } from './rows.js'
import type { IngestEvent, IngestResult, WebhookDelivery } from './store.js'
import { StatDeltas } from './survey-stats.js'

export interface IngestCall {
  projectId: string
  events: IngestEvent[]
  webhooks: boolean
}

interface Fresh {
  call: number
  projectId: string
  ingest: IngestEvent
}

interface Step {
  call: number
  projectId: string
  event: ResponseEvent
  time: number
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
/** Event and response ids are per project: the map key of one. */
const keyOf = (projectId: string, id: string) => `${projectId}\u0000${id}`

/** Stores a group of ingest calls inside the caller's transaction; one result per call. */
export async function ingestGroup(c: pg.PoolClient, calls: IngestCall[]): Promise<IngestResult[]> {
  const results: IngestResult[] = calls.map(() => ({ accepted: 0, duplicates: 0, finished: [] }))
  // Only the first copy of an id in arrival order can be new: later copies (in the same call
  // or a later one) are duplicates, as they would be had the calls run one by one.
  const firsts = new Map<string, Fresh>()
  calls.forEach(({ projectId, events }, call) => {
    for (const ingest of events) {
      const key = keyOf(projectId, ingest.event.id)
      if (firsts.has(key)) results[call]!.duplicates++
      else firsts.set(key, { call, projectId, ingest })
    }
  })
  const inserted = await insertEvents(c, [...firsts.values()])
  const deltas = new StatDeltas()
  const steps: Step[] = []
  // A Map iterates in insertion order: arrival order.
  for (const [key, { call, projectId, ingest }] of firsts) {
    const result = results[call]!
    if (!inserted.has(key)) {
      result.duplicates++
      continue
    }
    result.accepted++
    const { event, time } = ingest
    if (event.type === 'display' || event.type === 'dismiss')
      deltas.event(projectId, event.surveyId, event.type, time)
    else if (event.type === 'response') steps.push({ call, projectId, event, time })
  }
  if (steps.length > 0) await mergeSteps(c, steps, results, deltas)
  // Counters last: their rows are the hottest, so they are held for the shortest time.
  await applyDeltas(c, deltas)
  await queueFinishedDeliveries(c, calls, results)
  return results
}

/** One statement for all the rows; returns the keys it stored. Rows are taken in (project, id)
 * order, so two transactions over the same ids (a retry racing its original on another lane or
 * replica) wait for each other instead of deadlocking. */
async function insertEvents(c: pg.PoolClient, firsts: Fresh[]): Promise<Set<string>> {
  const rows = firsts
    .map(({ projectId, ingest: { event, time, receivedAt } }) => ({
      project_id: projectId,
      event_id: event.id,
      ...eventColumns(event),
      time,
      received_at: receivedAt,
      data: event,
    }))
    .sort((a, b) => cmp(a.project_id, b.project_id) || cmp(a.event_id, b.event_id))
  const { rows: stored } = await c.query<{ project_id: string; event_id: string }>(
    `INSERT INTO events (project_id, event_id, type, install_id, user_id, survey_id, response_id, name, time, received_at, data)
     SELECT x.project_id, x.event_id, x.type, x.install_id, x.user_id, x.survey_id, x.response_id, x.name, x.time, x.received_at, x.data
     FROM jsonb_to_recordset($1::jsonb) AS x(project_id text, event_id text, type text, install_id text, user_id text,
       survey_id text, response_id text, name text, time bigint, received_at bigint, data jsonb)
     ON CONFLICT (project_id, event_id) DO NOTHING RETURNING project_id, event_id`,
    [JSON.stringify(rows)],
  )
  return new Set(stored.map((r) => keyOf(r.project_id, r.event_id)))
}

/**
 * Merges the new response steps, three statements whatever their number: create the missing
 * rows, lock them all (in (project, id) order, like every transaction, so lanes and replicas
 * merging steps of one response serialise on the row instead of deadlocking), merge in JS,
 * write them back. Reports each response that became finished to the call whose step did it.
 */
async function mergeSteps(
  c: pg.PoolClient,
  steps: Step[],
  results: IngestResult[],
  deltas: StatDeltas,
): Promise<void> {
  const responseKey = (s: Step) => keyOf(s.projectId, s.event.responseId)
  // Stable: steps of one response keep their arrival order (ties in time: later wins), and a
  // call's `finished` lists its responses in id order, as a call run alone always did.
  steps.sort((a, b) => cmp(responseKey(a), responseKey(b)))
  const first = new Map<string, Step>()
  for (const s of steps) if (!first.has(responseKey(s))) first.set(responseKey(s), s)
  const starts = [...first.values()]
  const created = await c.query<{ project_id: string; response_id: string }>(
    `INSERT INTO responses (project_id, response_id, survey_id, install_id, answers, answer_times, finished, created_at, updated_at)
     SELECT x.project_id, x.response_id, x.survey_id, x.install_id, '{}', '{}', false, x.time, x.time
     FROM jsonb_to_recordset($1::jsonb) AS x(project_id text, response_id text, survey_id text, install_id text, time bigint)
     ORDER BY x.project_id, x.response_id
     ON CONFLICT (project_id, response_id) DO NOTHING RETURNING project_id, response_id`,
    [
      JSON.stringify(
        starts.map(({ projectId, event, time }) => ({
          project_id: projectId,
          response_id: event.responseId,
          survey_id: event.surveyId,
          install_id: event.installId,
          time,
        })),
      ),
    ],
  )
  // A row this transaction just created holds nothing yet: nothing to take back.
  const createdKeys = new Set(created.rows.map((r) => keyOf(r.project_id, r.response_id)))
  const { rows: locked } = await c.query<ResponseRow>(
    `SELECT * FROM responses WHERE (project_id, response_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     ORDER BY project_id, response_id FOR UPDATE`,
    [starts.map((s) => s.projectId), starts.map((s) => s.event.responseId)],
  )
  const before = new Map(locked.map((r) => [keyOf(r.project_id, r.response_id), toResponse(r)]))
  const current = new Map(before)
  for (const s of steps) {
    const key = responseKey(s)
    const prev = current.get(key)!
    const merged = mergeResponseStep(prev, s.projectId, s.event, s.time)
    if (merged.finished && !prev.finished) results[s.call]!.finished.push(merged)
    current.set(key, merged)
  }
  await c.query(
    `UPDATE responses AS r SET user_id = x.user_id, answers = x.answers, answer_times = x.answer_times,
       finished = x.finished, created_at = x.created_at, updated_at = x.updated_at,
       finished_at = x.finished_at, url = x.url, locale = x.locale, attributes = x.attributes
     FROM jsonb_to_recordset($1::jsonb) AS x(project_id text, response_id text, user_id text, answers jsonb,
       answer_times jsonb, finished boolean, created_at bigint, updated_at bigint,
       finished_at bigint, url text, locale text, attributes jsonb)
     WHERE r.project_id = x.project_id AND r.response_id = x.response_id`,
    [
      JSON.stringify(
        [...current.values()].map((m) => ({
          project_id: m.projectId,
          response_id: m.id,
          user_id: m.userId,
          answers: m.answers,
          answer_times: m.answerTimes,
          finished: m.finished,
          created_at: m.createdAt,
          updated_at: m.updatedAt,
          finished_at: m.finishedAt,
          url: m.url,
          locale: m.locale,
          attributes: m.attributes,
        })),
      ),
    ],
  )
  for (const [key, after] of current)
    deltas.response(createdKeys.has(key) ? null : before.get(key)!, after)
}

/** A `response.finished` delivery per active webhook of the call's project and per response the
 * call finished, for the calls that asked for them, in arrival order. */
async function queueFinishedDeliveries(
  c: pg.PoolClient,
  calls: IngestCall[],
  results: IngestResult[],
): Promise<void> {
  const wanted = calls.filter((call, i) => call.webhooks && results[i]!.finished.length > 0)
  if (wanted.length === 0) return
  const { rows } = await c.query<{ id: string; project_id: string }>(
    'SELECT id, project_id FROM webhooks WHERE project_id = ANY($1::text[]) AND active ORDER BY seq',
    [[...new Set(wanted.map((call) => call.projectId))]],
  )
  const hooks = new Map<string, string[]>()
  for (const h of rows) {
    const ids = hooks.get(h.project_id)
    if (ids) ids.push(h.id)
    else hooks.set(h.project_id, [h.id])
  }
  await insertDeliveries(
    c,
    calls.flatMap((call, i) =>
      call.webhooks
        ? finishedDeliveries(call.projectId, hooks.get(call.projectId) ?? [], results[i]!.finished)
        : [],
    ),
  )
}

export async function insertDeliveries(
  db: pg.Pool | pg.PoolClient,
  deliveries: Array<Pick<WebhookDelivery, 'webhookId' | 'projectId' | 'event' | 'payload'>>,
): Promise<void> {
  if (deliveries.length === 0) return
  const rows = deliveries.map((d) => ({
    id: newDeliveryId(),
    webhook_id: d.webhookId,
    project_id: d.projectId,
    event: d.event,
    payload: d.payload,
  }))
  await db.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, project_id, event, payload, status, attempts, next_attempt_at, created_at, updated_at)
     SELECT x.id, x.webhook_id, x.project_id, x.event, x.payload, 'pending', 0, $2, $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, webhook_id text, project_id text, event text, payload text)`,
    [JSON.stringify(rows), Date.now()],
  )
}

/** Counter shards: a transaction adds to one of them, chosen at random, so ingests of one
 * survey running at once mostly touch different rows; reads sum the shards. */
const SHARDS = 8

/** Adds counter deltas in one statement per table, in key order, so concurrent transactions
 * that picked the same shard lock shared counters in the same order and never deadlock. */
export async function applyDeltas(c: pg.PoolClient, deltas: StatDeltas): Promise<void> {
  const shard = Math.floor(Math.random() * SHARDS)
  const stats = deltas.responseRows()
  if (stats.length)
    await c.query(
      `INSERT INTO survey_stats (project_id, survey_id, day, kind, answer_key, value, shard, count)
       SELECT x."projectId", x."surveyId", x.day, x.kind, x.key, x.value, $2, x.count
       FROM jsonb_to_recordset($1::jsonb) AS x("projectId" text, "surveyId" text, day text,
         kind text, key text, value text, count bigint)
       ORDER BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (project_id, survey_id, day, kind, answer_key, value, shard)
       DO UPDATE SET count = survey_stats.count + excluded.count`,
      [JSON.stringify(stats), shard],
    )
  const shown = deltas.eventRows()
  if (shown.length)
    await c.query(
      `INSERT INTO survey_event_stats (project_id, survey_id, type, day, shard, count)
       SELECT x."projectId", x."surveyId", x.type, x.day, $2, x.count
       FROM jsonb_to_recordset($1::jsonb) AS x("projectId" text, "surveyId" text, type text,
         day text, count bigint)
       ORDER BY 1, 2, 3, 4
       ON CONFLICT (project_id, survey_id, type, day, shard)
       DO UPDATE SET count = survey_event_stats.count + excluded.count`,
      [JSON.stringify(shown), shard],
    )
}
