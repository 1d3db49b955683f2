import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSurveyEngine, STATE_KEY } from '../../src/surveys/engine'
import { flush, makeHost, setup, survey } from './helpers'

describe('pageview triggers', () => {
  it('no URL rule: every page; a display event with the responseId', async () => {
    const { h, engine } = await setup([survey()])
    expect(h.shown).toHaveLength(1)
    expect(engine.active).toBe('s1')
    expect(h.events).toEqual([{ type: 'display', surveyId: 's1', responseId: h.api.responseId }])
  })

  it('URL rules, re-evaluated on SPA route changes', async () => {
    const s = survey({
      triggers: [{ type: 'pageview', url: { match: 'contains', value: '/pricing' } }],
    })
    const { h, engine } = await setup([s], { url: 'https://app.test/home' })
    expect(h.shown).toHaveLength(0)
    engine.onPageview('https://app.test/pricing')
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('several pageview triggers: any one matching is enough', async () => {
    const s = survey({
      triggers: [
        { type: 'pageview', url: { match: 'exact', value: '/a' } },
        { type: 'pageview', url: { match: 'exact', value: '/b' } },
      ],
    })
    expect((await setup([s], { url: 'https://app.test/b' })).h.shown).toHaveLength(1)
    expect((await setup([s], { url: 'https://app.test/c' })).h.shown).toHaveLength(0)
  })

  it('the same URL reported twice is one page view', async () => {
    const s = survey({ frequency: { mode: 'always' } })
    const { h, engine } = await setup([s])
    h.api.dismiss()
    engine.onPageview(h.ctx.url)
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('a page view before the config arrives is honoured when it does', async () => {
    const h = makeHost()
    const engine = createSurveyEngine(h.host)
    engine.onPageview('https://app.test/')
    await flush()
    engine.setConfig({ surveys: [survey()], settings: { recontactDays: 0 } })
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('only active surveys show', async () => {
    for (const status of ['draft', 'paused', 'completed'] as const)
      expect((await setup([survey({ status })])).h.shown).toHaveLength(0)
  })
})

describe('event triggers', () => {
  const s = survey({
    triggers: [
      {
        type: 'event',
        name: 'export_clicked',
        props: [
          { prop: 'format', op: 'eq', value: 'csv' },
          { prop: 'rows', op: 'gte', value: 100 },
        ],
      },
    ],
  })

  it('fires on the named event when every property filter matches', async () => {
    const { h, engine } = await setup([s])
    expect(h.shown).toHaveLength(0)
    engine.onEvent('export_clicked', { format: 'csv', rows: 50 })
    engine.onEvent('export_clicked', { format: 'pdf', rows: 500 })
    engine.onEvent('export_clicked')
    engine.onEvent('other', { format: 'csv', rows: 500 })
    await flush()
    expect(h.shown).toHaveLength(0)
    engine.onEvent('export_clicked', { format: 'csv', rows: 500 })
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('without filters any props match; exists / neq / contains filters', async () => {
    const plain = survey({ id: 'p', triggers: [{ type: 'event', name: 'saved' }] })
    const filtered = survey({
      id: 'f',
      triggers: [
        {
          type: 'event',
          name: 'searched',
          props: [
            { prop: 'q', op: 'exists' },
            { prop: 'source', op: 'neq', value: 'bot' },
            { prop: 'path', op: 'contains', value: 'docs' },
          ],
        },
      ],
    })
    const { h, engine } = await setup([plain, filtered])
    engine.onEvent('saved')
    await flush()
    expect(h.shown.map((x) => x.survey.id)).toEqual(['p'])
    h.api.dismiss()
    engine.onEvent('searched', { source: 'web', path: '/docs/x' })
    engine.onEvent('searched', { q: 'a', source: 'bot', path: '/docs/x' })
    await flush()
    expect(h.shown).toHaveLength(1)
    engine.onEvent('searched', { q: 'a', source: 'web', path: '/Docs/x' })
    await flush()
    expect(h.shown.map((x) => x.survey.id)).toEqual(['p', 'f'])
  })

  it('event triggers work on any page, whatever the pageview rules', async () => {
    const both = survey({
      triggers: [
        { type: 'pageview', url: { match: 'starts', value: '/pricing' } },
        { type: 'event', name: 'export_clicked' },
      ],
    })
    const { h, engine } = await setup([both], { url: 'https://app.test/reports' })
    expect(h.shown).toHaveLength(0)
    engine.onEvent('export_clicked')
    await flush()
    expect(h.shown).toHaveLength(1)
  })
})

describe('page triggers (click, scroll, exit-intent) scoped by pageview rules', () => {
  const onPricing = {
    type: 'pageview' as const,
    url: { match: 'starts' as const, value: '/pricing' },
  }

  it('click: the matching selector only', async () => {
    const s = survey({ triggers: [{ type: 'click', selector: '#buy' }] })
    const { h, engine } = await setup([s])
    expect(h.shown).toHaveLength(0)
    expect(engine.selectors).toEqual(['#buy'])
    engine.onTrigger('click', { selector: '.other' })
    await flush()
    expect(h.shown).toHaveLength(0)
    engine.onTrigger('click', { selector: '#buy' })
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('scroll: at or past the percent', async () => {
    const s = survey({ triggers: [{ type: 'scroll', percent: 50 }] })
    const { h, engine } = await setup([s])
    engine.onTrigger('scroll', { percent: 49 })
    engine.onTrigger('scroll')
    await flush()
    expect(h.shown).toHaveLength(0)
    engine.onTrigger('scroll', { percent: 50 })
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('exit-intent', async () => {
    const s = survey({ triggers: [{ type: 'exit-intent' }] })
    const { h, engine } = await setup([s])
    engine.onTrigger('scroll', { percent: 100 })
    await flush()
    expect(h.shown).toHaveLength(0)
    engine.onTrigger('exit-intent')
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('with a pageview rule: the page trigger fires only on matching pages, and the page view alone does not show', async () => {
    const s = survey({ triggers: [onPricing, { type: 'exit-intent' }] })
    const { h, engine } = await setup([s], { url: 'https://app.test/home' })
    engine.onTrigger('exit-intent')
    await flush()
    expect(h.shown).toHaveLength(0)
    engine.onPageview('https://app.test/pricing')
    await flush()
    expect(h.shown).toHaveLength(0)
    engine.onTrigger('exit-intent')
    await flush()
    expect(h.shown).toHaveLength(1)
  })
})

describe('delay trigger', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  const delayed = (url?: string) =>
    survey({
      triggers: [
        ...(url
          ? [{ type: 'pageview' as const, url: { match: 'starts' as const, value: url } }]
          : []),
        { type: 'delay', seconds: 10 },
      ],
    })

  it('shows N seconds after the page view', async () => {
    const { h } = await setup([delayed()])
    await vi.advanceTimersByTimeAsync(9_999)
    expect(h.shown).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.shown).toHaveLength(1)
  })

  it('keeps counting across route changes that still match', async () => {
    const { h, engine } = await setup([delayed('/pricing')], { url: 'https://app.test/pricing' })
    await vi.advanceTimersByTimeAsync(6_000)
    engine.onPageview('https://app.test/pricing/teams')
    await vi.advanceTimersByTimeAsync(4_000)
    expect(h.shown).toHaveLength(1)
  })

  it('is cancelled when a route change stops matching its URL rule', async () => {
    const { h, engine } = await setup([delayed('/pricing')], { url: 'https://app.test/pricing' })
    await vi.advanceTimersByTimeAsync(5_000)
    engine.onPageview('https://app.test/home')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(h.shown).toHaveLength(0)
    // Coming back starts a fresh wait.
    engine.onPageview('https://app.test/pricing')
    await vi.advanceTimersByTimeAsync(9_000)
    expect(h.shown).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(h.shown).toHaveLength(1)
  })

  it('does not start on a page outside its rule; destroy cancels', async () => {
    const a = await setup([delayed('/pricing')], { url: 'https://app.test/home' })
    await vi.advanceTimersByTimeAsync(20_000)
    expect(a.h.shown).toHaveLength(0)
    const b = await setup([delayed()])
    b.engine.destroy()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(b.h.shown).toHaveLength(0)
  })
})

describe('show(id)', () => {
  it('ignores triggers, audience, sampling and frequency', async () => {
    const s = survey({
      triggers: [{ type: 'event', name: 'never' }],
      audience: { sample: 0, devices: ['tablet'] },
    })
    const { h, engine } = await setup([s])
    engine.show('s1')
    await flush()
    expect(h.shown).toHaveLength(1)
    h.api.answer('q1', 5)
    engine.show('s1')
    await flush()
    expect(h.shown).toHaveLength(2)
    engine.show('nope')
    await flush()
    expect(h.shown).toHaveLength(2)
  })

  it('called before the config arrives, it shows once the config is set', async () => {
    const h = makeHost()
    const engine = createSurveyEngine(h.host)
    engine.show('s1')
    await flush()
    engine.setConfig({ surveys: [survey({ triggers: [] })], settings: { recontactDays: 0 } })
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('still needs consent (an install id) and a free screen', async () => {
    const s = survey({ triggers: [] })
    const { h, engine } = await setup([s, survey({ id: 's2' })], { ctx: { installId: undefined } })
    engine.show('s1')
    await flush()
    expect(h.shown).toHaveLength(0)
    h.ctx.installId = 'install-0001'
    engine.onPageview('https://app.test/next')
    await flush()
    expect(h.shown.map((x) => x.survey.id)).toEqual(['s2'])
    engine.show('s1')
    await flush()
    expect(h.shown).toHaveLength(1)
  })
})

describe('presenting', () => {
  it('one survey on screen at a time; the first eligible in config order wins', async () => {
    const { h, engine } = await setup([
      survey({ id: 'a', status: 'paused' }),
      survey({ id: 'b' }),
      survey({ id: 'c' }),
    ])
    expect(h.shown.map((x) => x.survey.id)).toEqual(['b'])
    engine.onPageview('https://app.test/2')
    await flush()
    expect(h.shown).toHaveLength(1)
    h.api.dismiss()
    engine.onPageview('https://app.test/3')
    await flush()
    expect(h.shown.map((x) => x.survey.id)).toEqual(['b', 'c'])
  })

  it('concurrent triggers still show one survey', async () => {
    const s = [
      survey({ id: 'a', triggers: [{ type: 'event', name: 'x' }] }),
      survey({ id: 'b', triggers: [{ type: 'event', name: 'x' }] }),
    ]
    const { h, engine } = await setup(s)
    engine.onEvent('x')
    engine.onEvent('x')
    await flush()
    expect(h.shown.map((x) => x.survey.id)).toEqual(['a'])
  })

  it('nobody renders: no display event, nothing counted, the screen stays free', async () => {
    const h = makeHost()
    h.renders = false
    const engine = createSurveyEngine(h.host)
    engine.setConfig({ surveys: [survey()], settings: { recontactDays: 0 } })
    engine.onPageview('https://app.test/')
    await flush()
    expect(h.events).toHaveLength(0)
    expect(engine.active).toBeUndefined()
    h.renders = true
    engine.onPageview('https://app.test/again')
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('a renderer that throws: nothing thrown into the page, nothing counted, screen free', async () => {
    const h = makeHost()
    let fail = true
    const engine = createSurveyEngine({
      ...h.host,
      present: (s, api) => {
        if (fail) throw new Error('renderer bug')
        return h.host.present(s, api)
      },
    })
    engine.setConfig({ surveys: [survey()], settings: { recontactDays: 0 } })
    engine.onPageview('https://app.test/')
    await flush()
    expect(engine.active).toBeUndefined()
    expect(h.events).toHaveLength(0)
    fail = false
    engine.onPageview('https://app.test/2')
    await flush()
    expect(h.shown).toHaveLength(1)
  })

  it('shows nothing without consent (no install id)', async () => {
    const { h } = await setup([survey()], { ctx: { installId: undefined } })
    expect(h.shown).toHaveLength(0)
    expect(h.events).toHaveLength(0)
  })

  it('after destroy nothing shows', async () => {
    const h = makeHost()
    const engine = createSurveyEngine(h.host)
    engine.setConfig({ surveys: [survey()], settings: { recontactDays: 0 } })
    engine.destroy()
    engine.onPageview('https://app.test/')
    await flush()
    expect(h.shown).toHaveLength(0)
  })

  it('headless: the same api drives a custom UI', async () => {
    const h = makeHost()
    const engine = createSurveyEngine({
      ...h.host,
      present: (s, api) => {
        // An app's own renderer answers straight away.
        expect(s.questions[0]?.title).toBe('How likely?')
        queueMicrotask(() => api.answer(api.firstQuestionId, 8))
        return true
      },
    })
    engine.setConfig({ surveys: [survey()], settings: { recontactDays: 0 } })
    engine.onPageview('https://app.test/')
    await flush()
    expect(h.events.map((e) => e.type)).toEqual(['display', 'response'])
    expect(engine.active).toBeUndefined()
  })

  it('a failing state store neither throws nor blocks surveys', async () => {
    const h = makeHost()
    const engine = createSurveyEngine({
      ...h.host,
      state: {
        get: () => Promise.reject(new Error('blocked')),
        set: () => Promise.reject(new Error('blocked')),
      },
    })
    engine.setConfig({ surveys: [survey()], settings: { recontactDays: 0 } })
    engine.onPageview('https://app.test/')
    await flush()
    expect(h.shown).toHaveLength(1)
    expect(h.api.answer('q1', 3)).toBe('end')
    await flush()
  })

  it('persists display counts and answers under the state key', async () => {
    const { h } = await setup([survey()])
    h.api.answer('q1', 9)
    await flush()
    expect(h.store.get(STATE_KEY)).toEqual({ l: h.time, s: { s1: { n: 1, a: 1 } } })
  })
})
