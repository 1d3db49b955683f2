import { describe, expect, it } from 'vitest'
import type { UrlRule } from '../../src/schema'
import { urlMatches } from '../../src/surveys/url-match'

const url = 'https://shop.test/pricing/teams?plan=pro#faq'
const m = (match: UrlRule['match'], value: string, u = url) => urlMatches(u, { match, value })

describe('urlMatches', () => {
  it('matches every page without a rule', () => {
    expect(urlMatches(url)).toBe(true)
  })

  it('exact: the whole URL, or the path when the value starts with "/"', () => {
    expect(m('exact', url)).toBe(true)
    expect(m('exact', '/pricing/teams?plan=pro#faq')).toBe(true)
    expect(m('exact', '/pricing')).toBe(false)
    expect(m('exact', '/', 'https://shop.test')).toBe(true)
  })

  it('contains', () => {
    expect(m('contains', 'pricing')).toBe(true)
    expect(m('contains', '/teams')).toBe(true)
    expect(m('contains', 'checkout')).toBe(false)
  })

  it('starts: path values do not need the origin', () => {
    expect(m('starts', '/pricing')).toBe(true)
    expect(m('starts', 'https://shop.test/pri')).toBe(true)
    expect(m('starts', '/teams')).toBe(false)
    expect(m('starts', 'pricing')).toBe(false)
  })

  it('ends', () => {
    expect(m('ends', '#faq')).toBe(true)
    expect(m('ends', '/teams', 'https://shop.test/pricing/teams')).toBe(true)
    expect(m('ends', '/pricing')).toBe(false)
  })

  it('regex: tested on the full URL and on the path', () => {
    expect(m('regex', '^/pricing/\\w+')).toBe(true)
    expect(m('regex', '^https://shop\\.test/')).toBe(true)
    expect(m('regex', 'plan=(pro|team)')).toBe(true)
    expect(m('regex', '^/checkout')).toBe(false)
  })

  it('each negation is the opposite of its mode', () => {
    expect(m('not-exact', url)).toBe(false)
    expect(m('not-exact', '/pricing')).toBe(true)
    expect(m('not-contains', 'pricing')).toBe(false)
    expect(m('not-contains', 'checkout')).toBe(true)
    expect(m('not-starts', '/pricing')).toBe(false)
    expect(m('not-starts', '/checkout')).toBe(true)
    expect(m('not-ends', '#faq')).toBe(false)
    expect(m('not-ends', '/pricing')).toBe(true)
    expect(m('not-regex', 'pricing')).toBe(false)
    expect(m('not-regex', '^/checkout')).toBe(true)
  })

  it('a bad regex matches nothing, negated or not, and never throws', () => {
    expect(() => m('regex', '([')).not.toThrow()
    expect(m('regex', '([')).toBe(false)
    expect(m('not-regex', '([')).toBe(false)
  })
})
