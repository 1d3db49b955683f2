/**
 * The one Store conformance suite: every adapter must pass it unchanged
 * (store.sqlite.test.ts, store.postgres.test.ts).
 */
import type { WireEvent } from '@candor/sdk/schema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { demoSurvey } from '../src/seed.js'
import type { IngestEvent, Store } from '../src/store/store.js'
import { surveyStatsConformance } from './survey-stats.conformance.js'

let n = 0
const uid = (p: string) => `${p}-${process.pid}-${(n++).toString().padStart(6, '0')}`

function ev(partial: Partial<WireEvent> & { type: WireEvent['type'] }, time = 1_700_000_000_000) {
  const base = { id: uid('ev'), time, installId: 'install-a' }
  return { event: { ...base, ...partial } as WireEvent, time, receivedAt: time + 1 } as IngestEvent
}

const step = (
  responseId: string,
  answers: Record<string, unknown>,
  time: number,
  finished = false,
  extra: object = {},
) =>
  ev(
    {
      type: 'response',
      surveyId: 'nps-demo',
      responseId,
      answers,
      finished,
      ...extra,
    } as Partial<WireEvent> & { type: 'response' },
    time,
  )

export function storeConformance(name: string, open: () => Promise<Store>) {
  describe(`Store conformance: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('migrates idempotently and answers ping until closed', async () => {
      await store.migrate()
      await store.migrate()
      expect(await store.ping()).toBe(true)
    })

    it('keeps settings; initSetting lets the first writer win', async () => {
      expect(await store.getSetting('k')).toBeNull()
      await store.setSetting('k', 'a')
      await store.setSetting('k', 'b')
      expect(await store.getSetting('k')).toBe('b')
      expect(await store.initSetting('once', 'first')).toBe('first')
      expect(await store.initSetting('once', 'second')).toBe('first')
    })

    it('creates, finds, updates, rotates and pages projects', async () => {
      expect(await store.countProjects()).toBe(0)
      const p = await store.createProject({ name: 'A', allowedOrigins: ['https://a.example'] })
      expect(p).toMatchObject({
        name: 'A',
        allowedOrigins: ['https://a.example'],
        settings: { recontactDays: 0 },
      })
      expect(await store.getProject(p.id)).toEqual(p)
      expect(await store.getProjectByKey(p.key)).toEqual(p)
      expect(await store.getProject('prj_missing')).toBeNull()
      const u = await store.updateProject(p.id, {
        allowedOrigins: [],
        settings: { recontactDays: 3 },
      })
      expect(u).toEqual({ ...p, allowedOrigins: [], settings: { recontactDays: 3 } })
      expect(await store.updateProject('prj_missing', { name: 'x' })).toBeNull()
      const r = await store.rotateProjectKey(p.id)
      expect(r!.key).not.toBe(p.key)
      expect(await store.getProjectByKey(p.key)).toBeNull()
      expect(await store.rotateProjectKey('prj_missing')).toBeNull()

      for (const name of ['B', 'C', 'D']) await store.createProject({ name })
      expect(await store.countProjects()).toBe(4)
      const first = await store.listProjects({ limit: 3 })
      expect(first.items.map((x) => x.name)).toEqual(['D', 'C', 'B'])
      const second = await store.listProjects({ limit: 3, cursor: first.nextCursor })
      expect(second.items.map((x) => x.name)).toEqual(['A'])
      expect(second.nextCursor).toBeNull()
    })

    it('puts, replaces, lists and deletes surveys', async () => {
      const p = await store.createProject({ name: 'S' })
      const first = await store.putSurvey(p.id, demoSurvey)
      expect(first.created).toBe(true)
      expect(first.stored.survey).toEqual(demoSurvey)
      await new Promise((r) => setTimeout(r, 5))
      const renamed = { ...demoSurvey, name: 'Renamed' }
      const second = await store.putSurvey(p.id, renamed)
      expect(second.created).toBe(false)
      expect(second.stored.createdAt).toBe(first.stored.createdAt)
      expect(second.stored.updatedAt).toBeGreaterThan(first.stored.createdAt)
      expect((await store.getSurvey(p.id, 'nps-demo'))?.survey).toEqual(renamed)
      await store.putSurvey(p.id, { ...demoSurvey, id: 'zz' })
      expect((await store.listSurveys(p.id)).map((s) => s.survey.id)).toEqual(['nps-demo', 'zz'])
      expect(await store.deleteSurvey(p.id, 'zz')).toBe(true)
      expect(await store.deleteSurvey(p.id, 'zz')).toBe(false)
      expect(await store.getSurvey(p.id, 'zz')).toBeNull()
      // Surveys are per project.
      const other = await store.createProject({ name: 'T' })
      expect(await store.listSurveys(other.id)).toEqual([])
    })

    it('stores each event id at most once per project', async () => {
      const p = await store.createProject({ name: 'E' })
      const q = await store.createProject({ name: 'F' })
      const a = ev({ type: 'track', name: 'x' } as Partial<WireEvent> & { type: 'track' })
      const b = ev({ type: 'track', name: 'y' } as Partial<WireEvent> & { type: 'track' })
      expect(await store.ingest(p.id, [a, b, a])).toMatchObject({ accepted: 2, duplicates: 1 })
      expect(await store.ingest(p.id, [b, a])).toMatchObject({ accepted: 0, duplicates: 2 })
      // The same id in another project is another event.
      expect(await store.ingest(q.id, [a])).toMatchObject({ accepted: 1, duplicates: 0 })
      const events = await store.listEvents(p.id)
      expect(events.items.map((e) => e.id).sort()).toEqual([a.event.id, b.event.id].sort())
      expect(events.items.find((e) => e.id === a.event.id)).toMatchObject({
        type: 'track',
        name: 'x',
        installId: 'install-a',
        time: a.time,
        receivedAt: a.receivedAt,
        data: a.event,
      })
    })

    it('merges response steps: later step wins per key, finished sticks, finish reported once', async () => {
      const p = await store.createProject({ name: 'R' })
      const t = 1_700_000_000_000
      const r1 = await store.ingest(p.id, [
        step('resp-merge-1', { score: 10, why: 'great' }, t + 2000, true),
      ])
      expect(r1.finished.map((r) => r.id)).toEqual(['resp-merge-1'])
      // Earlier steps arrive late (retries): they must not overwrite nor unfinish.
      const r2 = await store.ingest(p.id, [
        step('resp-merge-1', { score: 3 }, t),
        step('resp-merge-1', { plan: ['a', 'b'], 'plan.other': 'ünï "c", d\ne' }, t + 1000),
      ])
      expect(r2.finished).toEqual([])
      const [resp] = (await store.listResponses(p.id)).items
      expect(resp).toMatchObject({
        id: 'resp-merge-1',
        surveyId: 'nps-demo',
        installId: 'install-a',
        answers: { score: 10, why: 'great', plan: ['a', 'b'], 'plan.other': 'ünï "c", d\ne' },
        finished: true,
        createdAt: t,
        updatedAt: t + 2000,
        finishedAt: t + 2000,
      })
    })

    it('merges concurrent steps of one response without losing any', async () => {
      const p = await store.createProject({ name: 'C' })
      const t = 1_700_000_000_000
      const calls = Array.from({ length: 20 }, (_, i) =>
        store.ingest(p.id, [step('resp-conc-1', { [`q${i}`]: i }, t + i, i === 19)]),
      )
      const results = await Promise.all(calls)
      expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(20)
      expect(results.flatMap((r) => r.finished)).toHaveLength(1)
      const [resp] = (await store.listResponses(p.id)).items
      expect(Object.keys(resp!.answers)).toHaveLength(20)
      expect(resp!.finished).toBe(true)
    })

    it('merges batches that touch the same responses in opposite orders', async () => {
      const p = await store.createProject({ name: 'X' })
      const ids = Array.from({ length: 6 }, (_, i) => `resp-cross-${i}`)
      const batch = (order: string[], round: number) =>
        order.map((id) => step(id, { [`r${round}`]: round }, 1000 + round))
      const calls = Array.from({ length: 16 }, (_, round) =>
        store.ingest(p.id, batch(round % 2 ? [...ids].reverse() : ids, round)),
      )
      const results = await Promise.all(calls)
      expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(16 * ids.length)
      const responses = (await store.listResponses(p.id)).items
      expect(responses).toHaveLength(ids.length)
      for (const r of responses) expect(Object.keys(r.answers)).toHaveLength(16)
    })

    it('filters and pages responses', async () => {
      const p = await store.createProject({ name: 'L' })
      const day = (d: number) => Date.UTC(2026, 0, d, 12)
      await store.ingest(p.id, [
        step('r-1', { score: 1 }, day(1), true),
        step('r-2', { score: 2 }, day(2)),
        step('r-3', { score: 3 }, day(3), true, { surveyId: 'other', installId: 'install-b' }),
      ])
      const ids = async (f: object, page = {}) =>
        (await store.listResponses(p.id, f, page)).items.map((r) => r.id)
      expect(await ids({})).toEqual(['r-3', 'r-2', 'r-1'])
      expect(await ids({ surveyId: 'nps-demo' })).toEqual(['r-2', 'r-1'])
      expect(await ids({ finished: true })).toEqual(['r-3', 'r-1'])
      expect(await ids({ finished: false })).toEqual(['r-2'])
      expect(await ids({ from: day(2), to: day(3) })).toEqual(['r-2'])
      expect(await ids({ installId: 'install-b' })).toEqual(['r-3'])
      const page = await store.listResponses(p.id, {}, { limit: 2 })
      expect(page.items).toHaveLength(2)
      expect(await ids({}, { limit: 2, cursor: page.nextCursor })).toEqual(['r-1'])
    })

    it('filters events and counts them per UTC day', async () => {
      const p = await store.createProject({ name: 'D' })
      const at = (iso: string) => Date.parse(iso)
      const display = (iso: string, surveyId = 'nps-demo') =>
        ev({ type: 'display', surveyId } as Partial<WireEvent> & { type: 'display' }, at(iso))
      await store.ingest(p.id, [
        display('2026-02-01T00:00:00Z'),
        display('2026-02-01T23:59:59Z'),
        display('2026-02-02T00:00:00Z'),
        display('2026-02-02T10:00:00Z', 'other'),
        ev(
          { type: 'track', name: 'clicked' } as Partial<WireEvent> & { type: 'track' },
          at('2026-02-02T00:00:00Z'),
        ),
      ])
      expect(await store.countEventsByDay(p.id, { type: 'display', surveyId: 'nps-demo' })).toEqual(
        [
          { day: '2026-02-01', count: 2 },
          { day: '2026-02-02', count: 1 },
        ],
      )
      expect((await store.listEvents(p.id, { type: 'track', name: 'clicked' })).items).toHaveLength(
        1,
      )
      expect((await store.listEvents(p.id, { surveyId: 'other' })).items).toHaveLength(1)
      expect(
        (await store.listEvents(p.id, { from: at('2026-02-02T00:00:00Z') })).items,
      ).toHaveLength(3)
      const page = await store.listEvents(p.id, {}, { limit: 4 })
      expect((await store.listEvents(p.id, {}, { cursor: page.nextCursor })).items).toHaveLength(1)
    })

    it('forgets one install and nothing else', async () => {
      const p = await store.createProject({ name: 'G' })
      await store.ingest(p.id, [
        step('r-a', { score: 1 }, 1000, true),
        ev({ type: 'track', name: 'x' } as Partial<WireEvent> & { type: 'track' }),
        step('r-b', { score: 2 }, 1000, true, { installId: 'install-b' }),
      ])
      const hook = await store.createWebhook(p.id, 'https://h.example/', 's')
      const payload = (installId: string) =>
        JSON.stringify({
          event: 'response.finished',
          response: { id: 'r', installId, answers: {} },
        })
      await store.enqueueDeliveries(
        // "install_a" must survive: "_" is a LIKE wildcard, escaped by the pattern.
        ['install-a', 'install-b', 'install_a'].map((i) => ({
          webhookId: hook.id,
          projectId: p.id,
          event: 'response.finished',
          payload: payload(i),
        })),
      )
      expect(await store.forget(p.id, 'install-a')).toEqual({
        events: 2,
        responses: 1,
        webhookDeliveries: 1,
      })
      expect((await store.listResponses(p.id)).items.map((r) => r.id)).toEqual(['r-b'])
      expect((await store.listEvents(p.id)).items.map((e) => e.installId)).toEqual(['install-b'])
      const left = (await store.listDeliveries(p.id)).items.map(
        (d) => JSON.parse(d.payload).response.installId,
      )
      expect(left.sort()).toEqual(['install-b', 'install_a'])
      expect(await store.forget(p.id, 'install-a')).toEqual({
        events: 0,
        responses: 0,
        webhookDeliveries: 0,
      })
    })

    it('keeps webhooks and a claimable delivery log', async () => {
      const p = await store.createProject({ name: 'W' })
      const hook = await store.createWebhook(p.id, 'https://hooks.example/x', 'sekrit')
      expect(await store.listWebhooks(p.id)).toEqual([hook])
      await store.enqueueDeliveries([
        { webhookId: hook.id, projectId: p.id, event: 'response.finished', payload: '{"a":1}' },
        { webhookId: hook.id, projectId: p.id, event: 'response.finished', payload: '{"a":2}' },
      ])
      const now = Date.now() + 10
      const claimed = await store.claimDeliveries(now, 10, 60_000)
      expect(claimed.map((d) => d.payload).sort()).toEqual(['{"a":1}', '{"a":2}'])
      // Claimed rows are leased: a second claimer gets nothing until the lease ends.
      expect(await store.claimDeliveries(now, 10, 60_000)).toEqual([])
      await store.recordDeliveryAttempt(claimed[0]!.id, {
        status: 'succeeded',
        nextAttemptAt: now,
        lastStatus: 204,
        lastError: null,
      })
      await store.recordDeliveryAttempt(claimed[1]!.id, {
        status: 'pending',
        nextAttemptAt: now + 5,
        lastStatus: 500,
        lastError: 'HTTP 500',
      })
      const again = await store.claimDeliveries(now + 5, 10, 60_000)
      expect(again.map((d) => d.id)).toEqual([claimed[1]!.id])
      expect(again[0]).toMatchObject({ attempts: 1, lastStatus: 500, lastError: 'HTTP 500' })
      const log = await store.listDeliveries(p.id)
      expect(log.items.map((d) => d.status).sort()).toEqual(['pending', 'succeeded'])
      expect(await store.deleteWebhook(p.id, hook.id)).toBe(true)
      expect(await store.listWebhooks(p.id)).toEqual([])
    })

    it('queues webhook deliveries with the finishing step, in the same transaction', async () => {
      const p = await store.createProject({ name: 'H' })
      const h1 = await store.createWebhook(p.id, 'https://a.example/', 's1')
      const h2 = await store.createWebhook(p.id, 'https://b.example/', 's2')
      await store.ingest(p.id, [step('resp-hook-1', { score: 1 }, 1000)], { webhooks: true })
      expect((await store.listDeliveries(p.id)).items).toEqual([])
      await store.ingest(p.id, [step('resp-hook-1', { why: 'x' }, 2000, true)], { webhooks: true })
      // Later edits of a finished response, or ingest without the option, queue nothing more.
      await store.ingest(p.id, [step('resp-hook-1', { why: 'y' }, 3000, true)], { webhooks: true })
      await store.ingest(p.id, [step('resp-hook-2', { score: 2 }, 1000, true)])
      const log = (await store.listDeliveries(p.id)).items
      expect(log.map((d) => d.webhookId).sort()).toEqual([h1.id, h2.id].sort())
      for (const d of log) {
        expect(d).toMatchObject({ event: 'response.finished', status: 'pending', attempts: 0 })
        expect(JSON.parse(d.payload)).toMatchObject({
          event: 'response.finished',
          projectId: p.id,
          response: { id: 'resp-hook-1', answers: { score: 1, why: 'x' }, finished: true },
        })
      }
    })

    it('rejects malformed cursors', async () => {
      await expect(store.listProjects({ cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/)
    })
  })
  surveyStatsConformance(name, open)
}
