import { describe, expect, it } from 'vitest'
import type { AnswerValue, Question } from '../../src/schema'
import { isMissing, nextQuestion } from '../../src/surveys/branching'
import { compare } from '../../src/surveys/compare'
import { setup, survey } from './helpers'

describe('compare (logic ops and property filters)', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['eq', 9, 9, true],
    ['eq', 9, '9', true],
    ['eq', 'pro', 'pro', true],
    ['eq', 'pro', 'free', false],
    ['eq', true, true, true],
    ['eq', ['a'], 'a', true],
    ['eq', null, 'x', false],
    ['neq', 'pro', 'free', true],
    ['neq', 'pro', 'pro', false],
    ['neq', null, 'x', false],
    ['lt', 3, 5, true],
    ['lt', 5, 5, false],
    ['lte', 5, 5, true],
    ['lte', 6, 5, false],
    ['gt', 10, 9, true],
    ['gt', 9, 9, false],
    ['gte', 9, 9, true],
    ['gte', 8, 9, false],
    ['gt', 'abc', 1, false],
    ['lt', null, 5, false],
    ['includes', ['a', 'b'], 'b', true],
    ['includes', ['a', 'b'], 'c', false],
    ['includes', 'Found a BUG here', 'bug', true],
    ['includes', 'all good', 'bug', false],
    ['contains', '/pricing/teams', 'pricing', true],
    ['answered', 'x', undefined, true],
    ['answered', 0, undefined, true],
    ['answered', false, undefined, true],
    ['answered', null, undefined, false],
    ['answered', '  ', undefined, false],
    ['answered', [], undefined, false],
    ['exists', 'x', undefined, true],
    ['exists', undefined, undefined, false],
    ['skipped', null, undefined, true],
    ['skipped', '', undefined, true],
    ['skipped', [], undefined, true],
    ['skipped', 3, undefined, false],
    ['bogus', 3, 3, false],
  ]
  it.each(cases)('%s(%j, %j) is %s', (op, v, w, want) => {
    expect(compare(op, v, w)).toBe(want)
  })
})

describe('nextQuestion', () => {
  const qs = survey({
    questions: [
      {
        id: 'score',
        type: 'nps',
        title: 'Score?',
        logic: [
          { when: { op: 'gte', value: 9 }, goto: 'end' },
          { when: { op: 'lte', value: 6 }, goto: 'why' },
          { when: { op: 'skipped' }, goto: 'plan' },
        ],
      },
      { id: 'mid', type: 'text', title: 'Anything?' },
      { id: 'why', type: 'text', title: 'Why?' },
      { id: 'plan', type: 'single', title: 'Plan?', options: [{ id: 'pro', label: 'Pro' }] },
    ],
  }).questions
  const next = (v: AnswerValue, i = 0) => nextQuestion(qs, i, v)

  it('follows the first matching rule', () => {
    expect(next(10)).toBe('end')
    expect(next(3)).toBe('why')
    expect(next(null)).toBe('plan')
  })
  it('defaults to the following question, then end', () => {
    expect(next(7)).toBe('mid')
    expect(next('x', 1)).toBe('why')
    expect(next('pro', 3)).toBe('end')
  })
  it('ignores a goto that is not a later question (no loops)', () => {
    const bad = [
      { ...qs[1]!, logic: [{ when: { op: 'answered' as const }, goto: 'score' }] },
      qs[2]!,
    ] as Question[]
    expect(nextQuestion(bad, 0, 'x')).toBe('why')
    expect(
      nextQuestion([{ ...qs[1]!, logic: [{ when: { op: 'answered' }, goto: 'nope' }] }], 0, 'x'),
    ).toBe('end')
  })
  it('isMissing: blank values, and consent needs true', () => {
    const text = qs[1]!
    const consent: Question = { id: 'c', type: 'consent', title: 'OK?', label: 'I agree' }
    expect(isMissing(text, null)).toBe(true)
    expect(isMissing(text, ' ')).toBe(true)
    expect(isMissing(text, [])).toBe(true)
    expect(isMissing(text, 'x')).toBe(false)
    expect(isMissing(text, 0)).toBe(false)
    expect(isMissing(consent, false)).toBe(true)
    expect(isMissing(consent, true)).toBe(false)
  })
})

describe('SurveyApi answers and branching through the engine', () => {
  const multi = () =>
    survey({
      questions: [
        {
          id: 'score',
          type: 'nps',
          title: 'Score?',
          required: true,
          logic: [{ when: { op: 'gte', value: 9 }, goto: 'end' }],
        },
        {
          id: 'plan',
          type: 'single',
          title: 'Plan?',
          allowOther: true,
          options: [{ id: 'pro', label: 'Pro' }],
          logic: [{ when: { op: 'eq', value: 'pro' }, goto: 'end' }],
        },
        { id: 'why', type: 'text', title: 'Why?' },
      ],
    })

  it('promoters finish after one step: one finished response event with only that answer', async () => {
    const { h } = await setup([multi()])
    expect(h.api.firstQuestionId).toBe('score')
    expect(h.api.answer('score', 10)).toBe('end')
    expect(h.events.map((e) => e.type)).toEqual(['display', 'response'])
    expect(h.events[1]).toEqual({
      type: 'response',
      surveyId: 's1',
      responseId: h.api.responseId,
      answers: { score: 10 },
      finished: true,
      attributes: {},
    })
  })

  it('others walk each step; each event carries only its step, same responseId', async () => {
    const { h, engine } = await setup([multi()])
    const api = h.api
    expect(api.answer('score', 5)).toBe('plan')
    expect(engine.active).toBe('s1')
    expect(api.answer('plan', 'other', { 'plan.other': 'Team' })).toBe('why')
    expect(api.answer('why', 'Too slow')).toBe('end')
    expect(engine.active).toBeUndefined()
    const responses = h.events.filter((e) => e.type === 'response')
    expect(responses.map((e) => e.type === 'response' && [e.answers, e.finished])).toEqual([
      [{ score: 5 }, false],
      [{ plan: 'other', 'plan.other': 'Team' }, false],
      [{ why: 'Too slow' }, true],
    ])
    expect(new Set(h.events.map((e) => 'responseId' in e && e.responseId))).toEqual(
      new Set([api.responseId]),
    )
  })

  it('a required question answered blank does not advance and saves nothing', async () => {
    const { h } = await setup([multi()])
    expect(h.api.answer('score', null)).toBe('score')
    expect(h.events.map((e) => e.type)).toEqual(['display'])
    // An optional question may be skipped; logic sees the skip.
    expect(h.api.answer('score', 3)).toBe('plan')
    expect(h.api.answer('plan', null)).toBe('why')
  })

  it('a required consent question needs true', async () => {
    const { h } = await setup([
      survey({
        questions: [
          { id: 'ok', type: 'consent', title: 'Terms', label: 'I agree', required: true },
        ],
      }),
    ])
    expect(h.api.answer('ok', false)).toBe('ok')
    expect(h.api.answer('ok', true)).toBe('end')
  })

  it('dismiss saves a dismiss event, frees the screen, and ends the api', async () => {
    const { h, engine } = await setup([multi()])
    h.api.answer('score', 5)
    h.api.dismiss()
    h.api.dismiss()
    expect(engine.active).toBeUndefined()
    expect(h.events.map((e) => e.type)).toEqual(['display', 'response', 'dismiss'])
    expect(h.api.answer('plan', 'pro')).toBe('end')
    expect(h.events).toHaveLength(3)
  })

  it('dismissing after the end (closing the thank-you) records nothing more', async () => {
    const { h } = await setup([multi()])
    h.api.answer('score', 10)
    h.api.dismiss()
    expect(h.events.map((e) => e.type)).toEqual(['display', 'response'])
  })

  it("response steps carry the user's attributes, minus any the server would reject", async () => {
    const { h } = await setup([multi()], {
      ctx: { attributes: { plan: 'pro', seats: 3, bio: 'x'.repeat(1001), ['k'.repeat(101)]: 1 } },
    })
    h.api.answer('score', 3)
    expect(h.events[1]).toMatchObject({ attributes: { plan: 'pro', seats: 3 } })
    expect(Object.keys((h.events[1] as { attributes: object }).attributes)).toHaveLength(2)
  })

  it('an unknown question id changes nothing', async () => {
    const { h } = await setup([multi()])
    expect(h.api.answer('nope', 1)).toBe('end')
    expect(h.events).toHaveLength(1)
  })
})
