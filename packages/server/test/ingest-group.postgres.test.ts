/**
 * PostgreSQL group commit (postgres.ts lanes, postgres-ingest.ts): concurrent ingest calls share
 * transactions, yet each call gets the result it would get had the calls run one by one in
 * arrival order, one bad call fails alone, and nothing is lost or stored twice.
 */
import type { WireEvent } from '@candor/sdk/schema'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyStoreError } from '../src/store/errors.js'
import { openPostgresStore } from '../src/store/postgres.js'
import type { IngestEvent, IngestResult, Page, ResponseRecord, Store } from '../src/store/store.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

const T0 = Date.UTC(2026, 0, 5, 12)
const at = (event: Record<string, unknown>, time: number): IngestEvent => ({
  event: { installId: `install-${time % 7}`, time, ...event } as WireEvent,
  time,
  receivedAt: time + 1,
})
const track = (id: string) => at({ id, type: 'track', name: `name-of-${id}` }, T0)

interface Call {
  project: number
  events: IngestEvent[]
  webhooks: boolean
}

/** The step call i sends: its own answer key, a shared `score` (the latest time wins whatever
 * the order), finished from call 150 on (so some responses are finished by several calls). */
const stepOf = (i: number) => {
  const time = T0 + ((i * 37) % 200) * 1000
  return at(
    {
      id: `s-${i}`,
      type: 'response',
      surveyId: 'nps-demo',
      responseId: `r-${i % 30}`,
      answers: { [`q${Math.floor(i / 30)}`]: `a${i}`, score: i % 11 },
      finished: i >= 150,
      locale: `l${i}`,
    },
    time,
  )
}

/** 200 calls over 3 projects: ids repeated within a call and across calls, steps of one
 * response spread over many calls (one call resends an earlier step), displays and dismissals
 * for the counters, webhooks on most calls. Call i goes to project i % 3, and so do all the ids
 * it repeats. */
function workload(): Call[] {
  return Array.from({ length: 200 }, (_, i) => {
    const events = [track(`t-${i % 120}`)]
    if (i % 7 === 0) events.push(track(`t-${i % 120}`))
    if (i % 5 === 0) events.push(at({ id: `d-${i}`, type: 'display', surveyId: 'nps-demo' }, T0))
    if (i % 11 === 0)
      events.push(at({ id: `x-${i % 33}`, type: 'dismiss', surveyId: 'nps-demo' }, T0))
    events.push(stepOf(i))
    if (i >= 30 && i % 13 === 0) events.push(stepOf(i - 30))
    return { project: i % 3, events, webhooks: i % 4 !== 3 }
  })
}

async function all<T>(list: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = []
  for (let cursor: string | null = null; ; ) {
    const page: Page<T> = await list(cursor)
    out.push(...page.items)
    if (!page.nextCursor) return out
    cursor = page.nextCursor
  }
}

/** A store with 3 projects (webhooks on the first two) on a fresh database. */
async function setUp(cluster: PgCluster) {
  const url = await cluster.createDatabase()
  const store = await openPostgresStore(url)
  const projects = [
    await store.createProject({ name: 'A' }),
    await store.createProject({ name: 'B' }),
    await store.createProject({ name: 'C' }),
  ]
  const hooks = [
    await store.createWebhook(projects[0]!.id, 'https://a.example/1', 's'),
    await store.createWebhook(projects[0]!.id, 'https://a.example/2', 's'),
    await store.createWebhook(projects[1]!.id, 'https://b.example/1', 's'),
  ]
  const ids = projects.map((p) => p.id)
  const send = (c: Call) => store.ingest(ids[c.project]!, c.events, { webhooks: c.webhooks })
  // Project and webhook ids are random: name them by index so two databases compare.
  const local = (text: string) =>
    [...ids, ...hooks.map((h) => h.id)].reduce((t, id, n) => t.replaceAll(id, `#${n}`), text)
  const plain = (r: ResponseRecord) => JSON.parse(local(JSON.stringify(r)))
  const result = (r: IngestResult) => ({ ...r, finished: r.finished.map(plain) })
  /** Everything ingest wrote, by project. */
  const snapshot = () =>
    Promise.all(
      ids.map(async (id) => ({
        events: (await all((cursor) => store.listEvents(id, {}, { cursor, limit: 500 }))).sort(
          (a, b) => (a.id < b.id ? -1 : 1),
        ),
        responses: (await all((cursor) => store.listResponses(id, {}, { cursor, limit: 500 })))
          .map(plain)
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
        stats: await store.surveyStats(id, 'nps-demo'),
        deliveries: (await all((cursor) => store.listDeliveries(id, { cursor, limit: 500 })))
          .reverse()
          .map((d) => ({ webhook: local(d.webhookId), payload: JSON.parse(local(d.payload)) })),
      })),
    )
  /** Transactions that stored these projects' events: each row's xmin is its writer. */
  const writers = async () => {
    const c = new pg.Client(url)
    await c.connect()
    try {
      const { rows } = await c.query<{ n: number }>(
        'SELECT COUNT(DISTINCT xmin::text)::int AS n FROM events WHERE project_id = ANY($1)',
        [ids],
      )
      return rows[0]!.n
    } finally {
      await c.end()
    }
  }
  return { store, ids, send, result, snapshot, writers }
}

describe.runIf(postgresAvailable())('PostgreSQL group commit', () => {
  let cluster: PgCluster
  const stores: Store[] = []
  const open = async () => {
    const s = await setUp(cluster)
    stores.push(s.store)
    return s
  }
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(async () => {
    for (const s of stores) await s.close()
    await cluster?.stop()
  })

  it('concurrent calls: the per-call results and stored rows of the same calls run one by one, from a few transactions', async () => {
    const calls = workload()
    const one = await open()
    const sequential = []
    for (const c of calls) sequential.push(one.result(await one.send(c)))
    const group = await open()
    const concurrent = (await Promise.all(calls.map(group.send))).map(group.result)

    expect(concurrent).toEqual(sequential)
    // The workload does hit every rule: repeats, merges across calls, one finish per response.
    expect(sequential.filter((r) => r.duplicates > 0).length).toBeGreaterThan(60)
    expect(sequential.flatMap((r) => r.finished)).toHaveLength(30)
    expect(await group.snapshot()).toEqual(await one.snapshot())
    expect(await one.writers()).toBeGreaterThan(100)
    expect(await group.writers()).toBeLessThanOrEqual(3)
  })

  it('calls arriving over time on several lanes at once: nothing lost or stored twice', async () => {
    const calls = workload()
    const one = await open()
    for (const c of calls) await one.send(c)
    const lanes = await open()
    const pending: Array<Promise<IngestResult>> = []
    for (const [i, c] of calls.entries()) {
      pending.push(lanes.send(c))
      // A new turn of the event loop every few calls: groups start while others are running.
      if (i % 5 === 4) await new Promise((r) => setImmediate(r))
    }
    const results = await Promise.all(pending)
    const events = calls.reduce((n, c) => n + c.events.length, 0)
    const accepted = results.reduce((n, r) => n + r.accepted, 0)
    expect(accepted + results.reduce((n, r) => n + r.duplicates, 0)).toBe(events)
    const [got, want] = [await lanes.snapshot(), await one.snapshot()]
    expect(got.reduce((n, p) => n + p.events.length, 0)).toBe(accepted)
    // Which of two finishing steps of a response counts depends on the lanes' order: its
    // finishedAt and its webhook delivery may differ; answers, events and counters may not.
    const comparable = (s: typeof got) =>
      s.map((p) => ({
        events: p.events,
        responses: p.responses.map(({ finishedAt, ...r }) => r),
        stats: p.stats,
      }))
    expect(comparable(got)).toEqual(comparable(want))
    expect(new Set(results.flatMap((r) => r.finished.map((f) => f.id))).size).toBe(30)
    expect(results.flatMap((r) => r.finished)).toHaveLength(30)
    expect(await lanes.writers()).toBeLessThan(calls.length)
  })

  it('a bad call fails alone, with the error it gets alone; the rest of its group is stored', async () => {
    const { store, ids } = await open()
    // PostgreSQL refuses NUL in text (the HTTP layer rejects it first; a store caller may not).
    const bad = at({ id: 'bad-1', type: 'track', name: 'nul\u0000name' }, T0)
    const alone = await store.ingest(ids[0]!, [bad]).catch((e: unknown) => e)
    expect(alone).toMatchObject({ code: '22P05' })
    expect(classifyStoreError(alone)).toBeNull()

    const settled = await Promise.allSettled([
      store.ingest(ids[0]!, [track('ok-1'), stepOf(0)]),
      store.ingest(ids[1]!, [track('ok-2')]),
      store.ingest(ids[0]!, [track('ok-3'), bad]),
      store.ingest(ids[0]!, [track('ok-1'), stepOf(30)], { webhooks: true }),
    ])
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ])
    const failed = (settled[2] as PromiseRejectedResult).reason
    expect(failed).toBeInstanceOf(Error)
    expect(failed).toMatchObject({
      code: (alone as { code: string }).code,
      message: (alone as Error).message,
    })
    // Re-run one by one in arrival order: the repeat of ok-1 in the last call is a duplicate.
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.accepted : null))).toEqual([
      2,
      1,
      null,
      1,
    ])
    const stored = async (id: string) => (await store.listEvents(id)).items.map((e) => e.id).sort()
    expect(await stored(ids[0]!)).toEqual(['ok-1', 's-0', 's-30'])
    expect(await stored(ids[1]!)).toEqual(['ok-2'])
    const [response] = (await store.listResponses(ids[0]!)).items
    expect(Object.keys(response!.answers).sort()).toEqual(['q0', 'q1', 'score'])
    // The client retries the good calls it was not acked for: nothing is stored twice.
    expect(await store.ingest(ids[0]!, [track('ok-3')])).toMatchObject({ accepted: 1 })
    expect(await store.ingest(ids[0]!, [track('ok-1'), stepOf(0)])).toMatchObject({
      accepted: 0,
      duplicates: 2,
    })
  })

  it('close waits for queued and running calls, so each is acked', async () => {
    const { store, ids } = await open()
    const calls = Array.from({ length: 40 }, (_, i) =>
      store.ingest(ids[i % 3]!, [track(`close-${i}`)]),
    )
    await store.close()
    expect((await Promise.all(calls)).every((r) => r.accepted === 1)).toBe(true)
  })
})
