import { describe, expect, it } from 'vitest'
import { inAudience, localeMatches } from '../../src/surveys/audience'
import type { EngineContext } from '../../src/surveys/engine-types'
import { hash01, sampled } from '../../src/surveys/sample'
import { setup, survey } from './helpers'

const ctx: EngineContext = {
  installId: 'i-1',
  attributes: { plan: 'pro', seats: 3, admin: true },
  locale: 'fr-CA',
  url: 'https://app.test/',
  device: 'mobile',
}

describe('audience', () => {
  it('no audience or empty lists: everyone', () => {
    expect(inAudience(undefined, ctx)).toBe(true)
    expect(inAudience({ locales: [], devices: [], attributes: {} }, ctx)).toBe(true)
  })

  it('locales: a language matches its regional variants, not the other way round', () => {
    expect(localeMatches('fr', 'fr-CA')).toBe(true)
    expect(localeMatches('fr', 'fr_ca')).toBe(true)
    expect(localeMatches('FR-ca', 'fr-CA')).toBe(true)
    expect(localeMatches('fr-CA', 'fr')).toBe(false)
    expect(localeMatches('fr', 'fy')).toBe(false)
    expect(localeMatches('en', 'eng')).toBe(false)
    expect(inAudience({ locales: ['en', 'fr'] }, ctx)).toBe(true)
    expect(inAudience({ locales: ['en', 'de'] }, ctx)).toBe(false)
  })

  it('device type', () => {
    expect(inAudience({ devices: ['mobile', 'tablet'] }, ctx)).toBe(true)
    expect(inAudience({ devices: ['desktop'] }, ctx)).toBe(false)
  })

  it('attributes: all must match, compared as text', () => {
    expect(inAudience({ attributes: { plan: 'pro', seats: 3, admin: true } }, ctx)).toBe(true)
    expect(inAudience({ attributes: { seats: '3' } }, ctx)).toBe(true)
    expect(inAudience({ attributes: { plan: 'free' } }, ctx)).toBe(false)
    expect(inAudience({ attributes: { plan: 'pro', admin: false } }, ctx)).toBe(false)
    expect(inAudience({ attributes: { team: 'x' } }, ctx)).toBe(false)
    expect(inAudience({ attributes: { constructor: 'x' } }, ctx)).toBe(false)
  })

  it('all rules at once', () => {
    expect(
      inAudience({ locales: ['fr'], devices: ['mobile'], attributes: { plan: 'pro' } }, ctx),
    ).toBe(true)
    expect(
      inAudience({ locales: ['fr'], devices: ['desktop'], attributes: { plan: 'pro' } }, ctx),
    ).toBe(false)
  })

  it('the engine applies the audience', async () => {
    const s = survey({ audience: { attributes: { plan: 'pro' }, devices: ['desktop'] } })
    expect((await setup([s], { ctx: { attributes: { plan: 'pro' } } })).h.shown).toHaveLength(1)
    expect((await setup([s], { ctx: { attributes: { plan: 'free' } } })).h.shown).toHaveLength(0)
    expect(
      (await setup([s], { ctx: { attributes: { plan: 'pro' }, device: 'mobile' } })).h.shown,
    ).toHaveLength(0)
  })
})

describe('sampling', () => {
  const ids = Array.from(
    { length: 10_000 },
    (_, i) => `0190f3a2-${i.toString(16).padStart(4, '0')}-7abc-${(i * 7919).toString(16)}`,
  )

  it('hash01 is in [0, 1) and stable', () => {
    for (const id of ids.slice(0, 500)) {
      const x = hash01(id)
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
      expect(hash01(id)).toBe(x)
    }
  })

  it.each([0.25, 0.5, 0.1])('sample %s: 10,000 installs land within 2 points of it', (rate) => {
    const inside = ids.filter((id) => sampled(id, 'nps-q4', rate)).length / ids.length
    expect(Math.abs(inside - rate)).toBeLessThan(0.02)
  })

  it('holds for low-entropy ids too (sequential install ids, several surveys)', () => {
    const seq = Array.from({ length: 10_000 }, (_, i) => `install-${i}`)
    for (const survey of ['nps', 's1', 'onboarding-2'])
      for (const rate of [0.1, 0.25, 0.5]) {
        const inside = seq.filter((id) => sampled(id, survey, rate)).length / seq.length
        expect(Math.abs(inside - rate)).toBeLessThan(0.02)
      }
  })

  it('0 is nobody, 1 and no rate are everybody', () => {
    expect(ids.some((id) => sampled(id, 's', 0))).toBe(false)
    expect(ids.every((id) => sampled(id, 's', 1) && sampled(id, 's'))).toBe(true)
  })

  it('is independent per survey', () => {
    const a = ids.filter((id) => sampled(id, 'survey-a', 0.5))
    const both = a.filter((id) => sampled(id, 'survey-b', 0.5)).length / ids.length
    expect(Math.abs(both - 0.25)).toBeLessThan(0.02)
  })

  it('never re-rolls per trigger: the same install gets the same answer every time', async () => {
    const s = survey({ audience: { sample: 0.5 }, frequency: { mode: 'always' } })
    const inId = ids.find((id) => sampled(id, 's1', 0.5))!
    const outId = ids.find((id) => !sampled(id, 's1', 0.5))!
    const ins = await setup([s], { ctx: { installId: inId } })
    const outs = await setup([s], { ctx: { installId: outId } })
    for (let i = 0; i < 20; i++) {
      ins.h.api.dismiss()
      ins.engine.onPageview(`https://app.test/${i}`)
      outs.engine.onPageview(`https://app.test/${i}`)
      await Promise.resolve()
      await Promise.resolve()
    }
    expect(ins.h.shown).toHaveLength(21)
    expect(outs.h.shown).toHaveLength(0)
  })
})
