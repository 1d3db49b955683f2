import { describe, expect, it } from 'vitest'
import type { ConfigResponse } from '../../src/schema'
import { createSurveyEngine } from '../../src/surveys/engine'
import { mayShow } from '../../src/surveys/frequency'
import { DAY, flush, makeHost, survey, T0 } from './helpers'

type S = ReturnType<typeof survey>

/** One install across page loads: a fresh engine per visit over the same persisted state. */
const visitor = (surveys: S[], recontactDays = 0) => {
  const h = makeHost()
  const config: ConfigResponse = { surveys, settings: { recontactDays } }
  let n = 0
  return Object.assign(h, {
    async visit(act?: 'answer' | 'dismiss') {
      const before = h.shown.length
      const engine = createSurveyEngine(h.host)
      engine.setConfig(config)
      engine.onPageview(`https://app.test/${n++}`)
      await flush()
      const shown = h.shown.length > before
      if (shown && act === 'answer') h.api.answer(h.api.firstQuestionId, 7)
      if (shown && act === 'dismiss') h.api.dismiss()
      await flush()
      engine.destroy()
      return shown ? h.shown.at(-1)!.survey.id : undefined
    },
  })
}

describe('frequency', () => {
  it('once (the default): a single display, answered or not', async () => {
    for (const frequency of [undefined, { mode: 'once' as const }]) {
      const v = visitor([survey({ frequency })])
      expect(await v.visit('dismiss')).toBe('s1')
      expect(await v.visit()).toBeUndefined()
      expect(await v.visit()).toBeUndefined()
    }
  })

  it('until-answered: again after a dismiss, never after an answer', async () => {
    const v = visitor([survey({ frequency: { mode: 'until-answered' } })])
    expect(await v.visit('dismiss')).toBe('s1')
    expect(await v.visit('dismiss')).toBe('s1')
    expect(await v.visit('answer')).toBe('s1')
    expect(await v.visit()).toBeUndefined()
  })

  it('until-answered: a partial answer (not finished) does not count', async () => {
    const s = survey({
      frequency: { mode: 'until-answered' },
      questions: [
        { id: 'a', type: 'nps', title: 'A' },
        { id: 'b', type: 'text', title: 'B' },
      ],
    })
    const v = visitor([s])
    expect(await v.visit('answer')).toBe('s1')
    expect(await v.visit()).toBe('s1')
  })

  it('always', async () => {
    const v = visitor([survey({ frequency: { mode: 'always' } })])
    for (let i = 0; i < 5; i++) expect(await v.visit('answer')).toBe('s1')
  })

  it('max N displays', async () => {
    const v = visitor([survey({ frequency: { mode: 'max', max: 3 } })])
    expect(await v.visit('answer')).toBe('s1')
    expect(await v.visit('dismiss')).toBe('s1')
    expect(await v.visit()).toBe('s1')
    expect(await v.visit()).toBeUndefined()
  })

  it('recontact days: no survey at all within N days of any display', async () => {
    const v = visitor(
      [
        survey({ id: 'a' }),
        survey({ id: 'b' }),
        survey({ id: 'c', frequency: { mode: 'always' } }),
      ],
      7,
    )
    expect(await v.visit('answer')).toBe('a')
    v.time += 6 * DAY
    expect(await v.visit()).toBeUndefined()
    v.time += DAY
    expect(await v.visit('dismiss')).toBe('b')
    v.time += 3 * DAY
    expect(await v.visit()).toBeUndefined()
    v.time += 4 * DAY
    expect(await v.visit()).toBe('c')
  })

  it('startAt / endAt', async () => {
    const s = survey({
      frequency: { mode: 'always' },
      startAt: new Date(T0 + DAY).toISOString(),
      endAt: new Date(T0 + 3 * DAY).toISOString(),
    })
    const v = visitor([s])
    expect(await v.visit()).toBeUndefined()
    v.time = T0 + DAY
    expect(await v.visit('dismiss')).toBe('s1')
    v.time = T0 + 3 * DAY - 1
    expect(await v.visit('dismiss')).toBe('s1')
    v.time = T0 + 3 * DAY
    expect(await v.visit()).toBeUndefined()
  })

  it('mayShow: status, dates with offsets, frequency modes', () => {
    const st = { s: { s1: { n: 2 } } }
    expect(mayShow(survey({ frequency: { mode: 'max', max: 3 } }), st, T0)).toBe(true)
    expect(mayShow(survey({ frequency: { mode: 'max', max: 2 } }), st, T0)).toBe(false)
    expect(mayShow(survey({ status: 'draft' }), { s: {} }, T0)).toBe(false)
    expect(mayShow(survey({ endAt: '2026-06-01T13:00:00+02:00' }), { s: {} }, T0)).toBe(false)
    expect(mayShow(survey({ startAt: '2026-06-01T13:00:00+02:00' }), { s: {} }, T0)).toBe(true)
    expect(mayShow(survey(), { l: T0 - DAY, s: {} }, T0, 1)).toBe(true)
    expect(mayShow(survey(), { l: T0 - DAY + 1, s: {} }, T0, 1)).toBe(false)
  })
})
