// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchBrowser } from '../../src/surveys/browser-triggers'
import { type BrowserSurveyEngine, createSurveyEngine } from '../../src/surveys/engine'
import { flush, makeHost, survey } from './helpers'

/** An engine double that records what the adapter reports. */
const fakeEngine = (selectors: string[] = []) => {
  const calls: unknown[][] = []
  const engine: BrowserSurveyEngine = {
    selectors,
    active: undefined,
    setConfig: () => {},
    onEvent: () => {},
    show: () => {},
    destroy: () => {},
    onPageview: (url) => calls.push(['pageview', url]),
    onTrigger: (type, detail) => calls.push(detail ? [type, detail] : [type]),
  }
  return { engine, calls }
}

let stop: (() => void) | undefined
beforeEach(() => {
  history.replaceState(null, '', '/')
  document.body.innerHTML =
    '<main><button id="buy"><span>Buy</span></button><p class="x">x</p></main>'
})
afterEach(() => {
  stop?.()
  stop = undefined
  vi.useRealTimers()
  delete (window as { navigation?: unknown }).navigation
})

describe('watchBrowser', () => {
  it('reports the first page view at start', () => {
    const { engine, calls } = fakeEngine()
    stop = watchBrowser(engine)
    expect(calls).toEqual([['pageview', `${location.origin}/`]])
  })

  it('click: reports each survey selector the click is inside of; a bad selector is skipped', () => {
    const { engine, calls } = fakeEngine(['##bad', '#buy', 'main', '.nope'])
    stop = watchBrowser(engine)
    calls.length = 0
    document.querySelector('span')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(calls).toEqual([
      ['click', { selector: '#buy' }],
      ['click', { selector: 'main' }],
    ])
  })

  it('click: seen even when the app stops propagation', () => {
    const { engine, calls } = fakeEngine(['#buy'])
    stop = watchBrowser(engine)
    calls.length = 0
    document.querySelector('#buy')!.addEventListener('click', (e) => e.stopPropagation())
    document.querySelector('#buy')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(calls).toEqual([['click', { selector: '#buy' }]])
  })

  it('scroll: reports a new maximum depth only, reset by a route change', () => {
    const { engine, calls } = fakeEngine()
    Object.defineProperty(document.documentElement, 'scrollHeight', {
      value: 2000,
      configurable: true,
    })
    Object.defineProperty(window, 'innerHeight', { value: 1000, configurable: true })
    const scrollTo = (y: number) => {
      Object.defineProperty(window, 'scrollY', { value: y, configurable: true })
      window.dispatchEvent(new Event('scroll'))
    }
    stop = watchBrowser(engine)
    calls.length = 0
    scrollTo(500)
    scrollTo(250)
    scrollTo(500)
    scrollTo(1000)
    history.pushState(null, '', '/next')
    scrollTo(250)
    expect(calls).toEqual([
      ['scroll', { percent: 50 }],
      ['scroll', { percent: 100 }],
      ['pageview', `${location.origin}/next`],
      ['scroll', { percent: 25 }],
    ])
  })

  it('exit-intent: the pointer leaving through the top edge only', () => {
    const { engine, calls } = fakeEngine()
    stop = watchBrowser(engine)
    calls.length = 0
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300 }))
    document.dispatchEvent(
      new MouseEvent('mouseout', { clientY: -2, relatedTarget: document.body }),
    )
    expect(calls).toEqual([])
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2 }))
    expect(calls).toEqual([['exit-intent']])
  })

  it('SPA without the Navigation API: pushState, replaceState and popstate are page views', () => {
    const { engine, calls } = fakeEngine()
    const { pushState, replaceState } = history
    stop = watchBrowser(engine)
    expect(history.pushState).not.toBe(pushState)
    history.pushState({ a: 1 }, '', '/a')
    expect(history.state).toEqual({ a: 1 })
    history.replaceState(null, '', '/b')
    history.pushState(null, '', '/c')
    window.dispatchEvent(new PopStateEvent('popstate'))
    expect(calls.map((c) => c[1])).toEqual([
      `${location.origin}/`,
      `${location.origin}/a`,
      `${location.origin}/b`,
      `${location.origin}/c`,
      `${location.origin}/c`,
    ])
    stop()
    stop = undefined
    expect(history.pushState).toBe(pushState)
    expect(history.replaceState).toBe(replaceState)
  })

  it('SPA with the Navigation API: currententrychange, and history is left alone', () => {
    const nav = new EventTarget()
    ;(window as { navigation?: unknown }).navigation = nav
    const { engine, calls } = fakeEngine()
    const { pushState } = history
    stop = watchBrowser(engine)
    expect(history.pushState).toBe(pushState)
    history.pushState(null, '', '/x')
    nav.dispatchEvent(new Event('currententrychange'))
    expect(calls).toEqual([
      ['pageview', `${location.origin}/`],
      ['pageview', `${location.origin}/x`],
    ])
    stop()
    stop = undefined
    nav.dispatchEvent(new Event('currententrychange'))
    expect(calls).toHaveLength(2)
  })

  it('cleanup removes every listener it added and restores history', () => {
    const { engine, calls } = fakeEngine(['#buy'])
    const added: unknown[] = []
    const removed: unknown[] = []
    for (const t of [window, document] as EventTarget[]) {
      const add = t.addEventListener.bind(t)
      const rem = t.removeEventListener.bind(t)
      vi.spyOn(t, 'addEventListener').mockImplementation((type, fn, o) => {
        added.push([t, type, fn])
        add(type, fn, o)
      })
      vi.spyOn(t, 'removeEventListener').mockImplementation((type, fn, o) => {
        removed.push([t, type, fn])
        rem(type, fn, o)
      })
    }
    const { pushState } = history
    const off = watchBrowser(engine)
    expect(added.length).toBeGreaterThanOrEqual(4)
    off()
    vi.restoreAllMocks()
    expect(removed).toEqual(added)
    expect(history.pushState).toBe(pushState)
    calls.length = 0
    document.querySelector('#buy')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    window.dispatchEvent(new Event('scroll'))
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2 }))
    history.pushState(null, '', '/after')
    window.dispatchEvent(new PopStateEvent('popstate'))
    expect(calls).toEqual([])
  })

  it('if someone patched history after us, cleanup keeps theirs and ours goes quiet', () => {
    const { engine, calls } = fakeEngine()
    stop = watchBrowser(engine)
    const ours = history.pushState
    const theirs = function (this: History, ...a: Parameters<History['pushState']>) {
      return ours.apply(this, a)
    }
    history.pushState = theirs
    stop()
    stop = undefined
    expect(history.pushState).toBe(theirs)
    calls.length = 0
    history.pushState(null, '', '/later')
    expect(calls).toEqual([])
    expect(location.pathname).toBe('/later')
  })
})

describe('browser triggers with the real engine', () => {
  const delayed = survey({
    triggers: [
      { type: 'pageview', url: { match: 'starts', value: '/pricing' } },
      { type: 'delay', seconds: 5 },
    ],
  })
  const setup = (surveys: ReturnType<typeof survey>[]) => {
    const h = makeHost({ url: location.href })
    const engine = createSurveyEngine(h.host)
    engine.setConfig({ surveys, settings: { recontactDays: 0 } })
    stop = watchBrowser(engine)
    return { h, engine }
  }

  it('an SPA route change into the rule shows the delayed survey after its delay', async () => {
    vi.useFakeTimers()
    const { h } = setup([delayed])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(h.shown).toHaveLength(0)
    history.pushState(null, '', '/pricing/teams')
    await vi.advanceTimersByTimeAsync(4_999)
    expect(h.shown).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(h.shown).toHaveLength(1)
  })

  it('an SPA route change out of the rule cancels the pending delayed survey', async () => {
    vi.useFakeTimers()
    history.replaceState(null, '', '/pricing')
    const { h } = setup([delayed])
    await vi.advanceTimersByTimeAsync(3_000)
    history.pushState(null, '', '/docs')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(h.shown).toHaveLength(0)
    // Back button into the rule: a fresh wait.
    history.replaceState(null, '', '/pricing')
    window.dispatchEvent(new PopStateEvent('popstate'))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(h.shown).toHaveLength(1)
  })

  it('clicking a survey selector shows it', async () => {
    const { h } = setup([survey({ triggers: [{ type: 'click', selector: '#buy' }] })])
    await flush()
    expect(h.shown).toHaveLength(0)
    document.querySelector('span')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await flush()
    expect(h.shown).toHaveLength(1)
  })
})
