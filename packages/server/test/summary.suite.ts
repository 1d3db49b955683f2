import { describe, expect, it } from 'vitest'
import { testApp } from './support/app.js'

const NOW = Date.parse('2026-03-03T12:00:00Z')
const DAY1 = Date.parse('2026-03-01T10:00:00Z')
const DAY2 = Date.parse('2026-03-02T10:00:00Z')

const survey = {
  id: 'fixture',
  name: 'Fixture',
  status: 'active',
  questions: [
    { id: 'score', type: 'nps', title: 'Recommend?' },
    { id: 'sat', type: 'csat', title: 'Satisfied?' },
    { id: 'stars', type: 'rating', title: 'Stars?', scale: 5, display: 'star' },
    { id: 'effort', type: 'ces', title: 'Easy?' },
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
    {
      id: 'features',
      type: 'multi',
      title: 'Features?',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
    },
    { id: 'why', type: 'text', title: 'Why?' },
  ],
}

// Nine responses; `undefined` means the question was never reached, null means skipped.
const rows: Array<{ day: number; finished: boolean; answers: Record<string, unknown> }> = [
  {
    day: DAY1,
    finished: true,
    answers: {
      score: 10,
      sat: 5,
      stars: 5,
      effort: 7,
      plan: 'free',
      features: ['a', 'b'],
      why: 'fast',
    },
  },
  {
    day: DAY1,
    finished: true,
    answers: { score: 9, sat: 4, stars: 3, effort: 1, plan: 'pro', features: ['b'], why: '  ' },
  },
  {
    day: DAY1,
    finished: true,
    answers: { score: 8, sat: 3, stars: 4, plan: 'pro', features: ['c', 'zzz'], why: '<script>' },
  },
  { day: DAY1, finished: true, answers: { score: 7, sat: 1, plan: 'other', 'plan.other': 'Team' } },
  { day: DAY1, finished: false, answers: { score: 6 } },
  { day: DAY2, finished: true, answers: { score: 0 } },
  { day: DAY2, finished: true, answers: { score: 10 } },
  { day: DAY2, finished: false, answers: { score: null } },
  { day: DAY2, finished: false, answers: { sat: 99 } },
]

/** Runs on whatever store support/app.ts is set to make (SQLite by default). */
export function summarySuite() {
  describe('survey summary', () => {
    it('matches the hand-computed fixture', async () => {
      const t = await testApp({ now: () => NOW })
      expect(
        (await t.admin(`/projects/${t.demoId}/surveys`, { method: 'POST', json: survey })).status,
      ).toBe(201)
      let i = 0
      const base = () => ({
        id: `ev-fixture-${i++}`,
        installId: `install-${i}`,
        surveyId: 'fixture',
      })
      const events = [
        ...rows.map((r, n) => ({
          ...base(),
          type: 'response',
          time: r.day + n,
          responseId: `resp-fixture-${n}`,
          answers: r.answers,
          finished: r.finished,
        })),
        ...Array.from({ length: 6 }, () => ({ ...base(), type: 'display', time: DAY1 })),
        ...Array.from({ length: 4 }, () => ({ ...base(), type: 'display', time: DAY2 })),
        ...Array.from({ length: 2 }, () => ({ ...base(), type: 'dismiss', time: DAY2 })),
      ]
      const sent = await (await t.send(t.demoKey, { sentAt: NOW, events })).json()
      expect(sent).toEqual({ accepted: events.length, duplicates: 0, rejected: [] })

      const res = await t.admin(`/projects/${t.demoId}/surveys/fixture/summary`)
      expect(res.status).toBe(200)
      const s = await res.json()
      expect(s).toMatchObject({
        surveyId: 'fixture',
        displays: 10,
        dismissals: 2,
        responses: 9,
        finished: 6,
        completionRate: 0.6667, // 6 / 9
        responseRate: 0.9, // 9 / 10
      })
      const q = Object.fromEntries(s.questions.map((x: { id: string }) => [x.id, x]))
      // NPS answers 10, 9, 8, 7, 6, 0, 10 (one skipped): 3 promoters, 2 passives, 2 detractors.
      // NPS = 3/7 − 2/7 = 14.2857…% → 14.3
      expect(q.score).toMatchObject({
        answered: 7,
        promoters: 3,
        passives: 2,
        detractors: 2,
        nps: 14.3,
      })
      expect(q.score.distribution).toHaveLength(11)
      expect(q.score.distribution[10]).toEqual({ value: 10, count: 2 })
      expect(q.score.distribution[0]).toEqual({ value: 0, count: 1 })
      // CSAT 5, 4, 3, 1 (99 is out of scale): mean 3.25, satisfied (4-5) 2 of 4 = 50%.
      expect(q.sat).toMatchObject({ answered: 4, average: 3.25, satisfied: 2, csat: 50 })
      expect(q.stars).toMatchObject({ answered: 3, average: 4 })
      expect(q.stars.distribution).toEqual(
        [1, 2, 3, 4, 5].map((v) => ({ value: v, count: v >= 3 ? 1 : 0 })),
      )
      expect(q.effort).toMatchObject({ answered: 2, average: 4 })
      expect(q.plan).toMatchObject({
        answered: 4,
        options: [
          { id: 'free', label: 'Free', count: 1 },
          { id: 'pro', label: 'Pro', count: 2 },
        ],
        other: 1,
      })
      expect(q.features).toMatchObject({
        answered: 3,
        options: [
          { id: 'a', count: 1 },
          { id: 'b', count: 2 },
          { id: 'c', count: 1 },
        ],
        other: 1,
      })
      expect(q.why.answered).toBe(2)
      expect(q.why.latest.map((x: { value: string }) => x.value)).toEqual(['<script>', 'fast'])
      expect(s.daily).toEqual([
        { day: '2026-03-01', displays: 6, responses: 5, finished: 4 },
        { day: '2026-03-02', displays: 4, responses: 4, finished: 2 },
      ])

      // A time range narrows every figure.
      const day2 = await (
        await t.admin(`/projects/${t.demoId}/surveys/fixture/summary?from=2026-03-02`)
      ).json()
      expect(day2).toMatchObject({ displays: 4, responses: 4, finished: 2, dismissals: 2 })
      // NPS on day 2: 0 and 10 → 1 promoter, 1 detractor → 0.
      expect(day2.questions[0]).toMatchObject({ answered: 2, nps: 0 })
    })

    it('answers nulls rather than NaN on an empty survey, and 404 for unknown surveys', async () => {
      const t = await testApp()
      const s = await (await t.admin(`/projects/${t.demoId}/surveys/nps-demo/summary`)).json()
      expect(s).toMatchObject({
        displays: 0,
        responses: 0,
        completionRate: null,
        responseRate: null,
      })
      expect(s.questions[0]).toMatchObject({ answered: 0, nps: null })
      expect((await t.admin(`/projects/${t.demoId}/surveys/nope/summary`)).status).toBe(404)
    })
  })
}
