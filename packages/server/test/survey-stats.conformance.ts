/**
 * Survey counters (store/survey-stats.ts) against the raw rows they summarise, on every
 * adapter: whatever was ingested, re-sent, merged late or forgotten, surveyStats over any range
 * equals the same aggregation computed from listResponses + countEventsByDay, and latestTexts
 * equals a brute-force sort. Run from store.conformance.ts.
 */
import type { WireEvent } from '@candor/sdk/schema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scanResponses } from '../src/store/scan.js'
import type { IngestEvent, Store } from '../src/store/store.js'
import { StatsBuilder, type SurveyStats, type TimeRange } from '../src/store/survey-stats.js'

const H = 3_600_000
const T0 = Date.UTC(2026, 4, 1)

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function rng(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

function fixture(): IngestEvent[][] {
  const rand = rng(7)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!
  const batches: IngestEvent[][] = []
  let n = 0
  const ev = (e: Record<string, unknown>, time: number): IngestEvent => ({
    event: { id: `ev-stats-${(n++).toString().padStart(6, '0')}`, time, ...e } as WireEvent,
    time,
    receivedAt: time,
  })
  for (let r = 0; r < 120; r++) {
    const installId = `install-${r % 7}`.padEnd(10, '0')
    const responseId = `resp-stats-${r}`
    const t = T0 + Math.floor(rand() * 5 * 24) * H + Math.floor(rand() * H)
    const answers = [
      { score: pick([0, 3, 6, 7, 8, 9, 10, 10.5, 42, null, '9']) },
      { plan: pick(['free', 'pro', 'other', ['free', 'pro', 'free'], [], 'not an id!', '']) },
      { why: pick(['fast', '  ', 'slow ui', '', null, 7]), 'plan.other': 'Team' },
      { ok: pick([true, false, 'clicked', 'accepted', null]) },
    ]
    const steps = answers.slice(0, 1 + Math.floor(rand() * 4))
    const events = steps.map((a, i) =>
      ev(
        {
          type: 'response',
          installId,
          surveyId: 'stats',
          responseId,
          answers: a,
          finished: i === steps.length - 1 && rand() < 0.7,
        },
        t + i * 20 * 60_000,
      ),
    )
    // Some steps arrive late (an earlier time after a later one), some twice.
    if (rand() < 0.3) events.reverse()
    if (rand() < 0.2) events.push(events[0]!)
    // A second answer to an already answered question, later: later wins, counters move.
    if (rand() < 0.2)
      events.push(
        ev(
          {
            type: 'response',
            installId,
            surveyId: 'stats',
            responseId,
            answers: { score: 1 },
            finished: true,
          },
          t + 26 * H,
        ),
      )
    events.push(
      ev({ type: 'display', installId, surveyId: 'stats' }, t - 60_000),
      ev({ type: pick(['dismiss', 'display']), installId, surveyId: 'stats' }, t + H),
    )
    // A display repeated in its own batch is one display.
    if (rand() < 0.2) events.push(events[events.length - 1]!)
    batches.push(events)
  }
  return batches
}

async function rawStats(store: Store, projectId: string, range: TimeRange): Promise<SurveyStats> {
  const b = new StatsBuilder()
  for await (const r of scanResponses(store, projectId, { surveyId: 'stats', ...range }))
    b.addResponse(r)
  for (const type of ['display', 'dismiss'] as const)
    for (const d of await store.countEventsByDay(projectId, { type, surveyId: 'stats', ...range }))
      b.addEvents(type, d.day, d.count)
  return b.build()
}

const sorted = (s: SurveyStats) => ({
  ...s,
  answers: [...s.answers].sort((a, b) =>
    `${a.kind}|${a.key}|${a.value}`.localeCompare(`${b.kind}|${b.key}|${b.value}`),
  ),
})

export function surveyStatsConformance(name: string, open: () => Promise<Store>) {
  describe(`Survey counters: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('equal the raw aggregation over any range, after merges, repeats and forget', async () => {
      const p = await store.createProject({ name: 'S' })
      // Concurrent batches: counters shared between transactions must add up.
      await Promise.all(fixture().map((b) => store.ingest(p.id, b)))
      await store.forget(p.id, 'install-30')
      const ranges: TimeRange[] = [
        {},
        { from: T0 + 36 * H },
        { to: T0 + 60 * H + 5 },
        { from: T0 + 30 * H, to: T0 + 90 * H },
        { from: T0 + 48 * H, to: T0 + 96 * H },
        { from: T0 + 49 * H, to: T0 + 50 * H },
        { from: T0 + 50 * H, to: T0 + 49 * H },
      ]
      for (const range of ranges) {
        const raw = await rawStats(store, p.id, range)
        expect(
          sorted(await store.surveyStats(p.id, 'stats', range)),
          JSON.stringify(range),
        ).toEqual(sorted(raw))
      }
      const all = await store.surveyStats(p.id, 'stats')
      expect(all.responsesByDay.reduce((s, d) => s + d.count, 0)).toBeGreaterThan(40)
      expect(all.answers.some((a) => a.kind === 'pick' && a.value === '')).toBe(true)
      // Forgetting every install empties every counter.
      for (let i = 0; i < 7; i++) await store.forget(p.id, `install-${i}`.padEnd(10, '0'))
      expect(await store.surveyStats(p.id, 'stats')).toEqual({
        answers: [],
        responsesByDay: [],
        finishedByDay: [],
        displaysByDay: [],
        dismissals: 0,
      })
    })

    it('finds the latest text answers as a full sort would', async () => {
      const p = await store.createProject({ name: 'T' })
      for (const b of fixture()) await store.ingest(p.id, b)
      for (const range of [{}, { from: T0 + 40 * H, to: T0 + 80 * H }] as TimeRange[]) {
        const texts: Array<{ responseId: string; value: string; at: number }> = []
        for await (const r of scanResponses(store, p.id, { surveyId: 'stats', ...range })) {
          const v = r.answers.why
          if (typeof v === 'string' && v.trim() !== '')
            texts.push({ responseId: r.id, value: v, at: r.answerTimes.why ?? r.updatedAt })
        }
        texts.sort((a, b) => b.at - a.at || a.responseId.localeCompare(b.responseId))
        expect(texts.length).toBeGreaterThan(3)
        const got = await store.latestTexts(p.id, 'stats', { why: texts.length, none: 0 }, range)
        expect(got.why).toEqual(texts.slice(0, 20))
        expect(got.none).toEqual([])
      }
    })
  })
}
