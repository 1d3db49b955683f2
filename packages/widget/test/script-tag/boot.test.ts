// @vitest-environment happy-dom
import type { Candor, CandorOptions } from '@candor/sdk'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { boot } from '../../src/script-tag/boot'
import type { CandorGlobals } from '../../src/script-tag/contract'
import { type FakeCandor, fakeCandor, settle, survey } from '../fake-candor'

type Win = Window & CandorGlobals & { candor?: ((...a: unknown[]) => unknown) & { q?: unknown[] } }
const w = window as unknown as Win
const g = globalThis as Record<string, unknown>
// What rollup writes into candor.js at build time.
g.__CANDOR_UI_FILE__ = 'candor-ui.0123456789.js'
g.__CANDOR_UI_SRI__ = 'sha384-test'
g.__CANDOR_SURVEYS_FILE__ = 'candor-surveys.0123456789.js'
g.__CANDOR_SURVEYS_SRI__ = 'sha384-surveys'

// The DESIGN.md stub queues `arguments`; the loader takes any array-like per call.
const STUB = () => {
  const q: unknown[][] = []
  w.candor = Object.assign((...args: unknown[]) => void q.push(args), { q }) as never
}

let candor: FakeCandor
let options: CandorOptions | undefined
const create = (o: CandorOptions): Candor => {
  options = o
  return candor
}
const uiScripts = () => [...document.head.querySelectorAll<HTMLScriptElement>('script[integrity]')]

beforeEach(() => {
  candor = fakeCandor()
  options = undefined
  document.head.innerHTML = ''
  const settings = (window as unknown as { happyDOM: { settings: Record<string, unknown> } })
    .happyDOM.settings
  settings.handleDisabledFileLoadingAsSuccess = true
  document.body.innerHTML =
    '<script src="https://cdn.example.com/candor.js" data-project-key="pk_test"></script>'
  w.candor = undefined
  w.candorUI = undefined
})
afterEach(() => vi.restoreAllMocks())

describe('script-tag loader', () => {
  it('reads data-project-key and defaults the endpoint to the script origin', () => {
    STUB()
    boot(create)
    expect(options).toEqual({ endpoint: 'https://cdn.example.com', projectKey: 'pk_test' })
  })

  it('uses data-endpoint when given', () => {
    document.querySelector('script')!.dataset.endpoint = 'https://collect.example.org/'
    boot(create)
    expect(options?.endpoint).toBe('https://collect.example.org')
  })

  it('replays the stub queue in order, then handles calls directly', () => {
    STUB()
    w.candor!('consent', 'granted')
    w.candor!('track', 'export_clicked', { format: 'pdf' })
    w.candor!('identify', 'u1')
    boot(create)
    w.candor!('attributes', { plan: 'pro' })
    w.candor!('feedback', { text: 'hi' })
    w.candor!('show', 's1')
    w.candor!('locale', 'fr')
    w.candor!('reset')
    w.candor!('flush')
    expect(candor.calls).toEqual([
      ['setConsent', 'granted'],
      ['track', 'export_clicked', { format: 'pdf' }],
      ['identify', 'u1'],
      ['setAttributes', { plan: 'pro' }],
      ['feedback', { text: 'hi' }],
      ['show', 's1'],
      ['setLocale', 'fr'],
      ['reset'],
      ['flush'],
    ])
  })

  it('flush returns the SDK promise', async () => {
    boot(create)
    await expect(w.candor!('flush')).resolves.toEqual({ sent: 0, pending: 0, dropped: 0 })
  })

  it('warns once per unknown command and never throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    STUB()
    w.candor!('nope', 1)
    boot(create)
    expect(() => w.candor!('launch-rockets')).not.toThrow()
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls[1]!.join(' ')).toContain('unknown command "launch-rockets"')
  })

  it('a command that throws inside the SDK is caught', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    boot(create)
    candor.track = () => {
      throw new Error('boom')
    }
    expect(() => w.candor!('track', 'x')).not.toThrow()
  })

  it('gives the SDK a survey engine loader that injects the engine chunk with SRI', async () => {
    let load: (() => Promise<unknown>) | undefined
    boot((o, l) => {
      load = l
      return create(o)
    })
    expect(uiScripts()).toEqual([]) // nothing until the SDK asks (an active survey)
    const mod = { createSurveyEngine: () => ({}), watchBrowser: () => () => {} }
    ;(w as unknown as { candorSurveys?: unknown }).candorSurveys = mod
    await expect(load!()).resolves.toBe(mod)
    const [s, ...more] = uiScripts()
    expect(more).toEqual([])
    expect(s!.src).toBe('https://cdn.example.com/candor-surveys.0123456789.js')
    expect(s!.integrity).toBe('sha384-surveys')
    expect(s!.crossOrigin).toBe('anonymous')
  })

  it('does not fetch the UI chunk while nothing shows', async () => {
    STUB()
    w.candor!('consent', 'granted')
    boot(create)
    await settle()
    expect(uiScripts()).toEqual([])
  })

  it('injects the UI chunk with SRI on the first survey and hands the survey over', async () => {
    const shown: string[] = []
    const mounts: unknown[] = []
    w.candorUI = (c, o) => {
      mounts.push([c, o])
      return (s) => shown.push(s.id)
    }
    boot(create)
    candor.present(survey([{ id: 'q', type: 'nps', title: 'T' }]))
    candor.present(survey([{ id: 'q', type: 'nps', title: 'T' }], { id: 's2' }))
    await settle()
    const [s, ...more] = uiScripts()
    expect(more).toEqual([])
    expect(s!.src).toBe('https://cdn.example.com/candor-ui.0123456789.js')
    expect(s!.integrity).toBe('sha384-test')
    expect(s!.crossOrigin).toBe('anonymous')
    expect(mounts).toEqual([[candor, expect.objectContaining({ launcher: false })]])
    expect(shown).toEqual(['s1', 's2'])
  })

  it('data-theme sets the colour mode; the tag nonce is passed on', async () => {
    const mounts: unknown[] = []
    w.candorUI = (_c, o) => {
      mounts.push(o)
      return () => {}
    }
    const tag = document.querySelector('script')!
    tag.dataset.theme = 'dark'
    tag.dataset.launcher = 'true'
    tag.nonce = 'abc'
    boot(create)
    await settle()
    expect(uiScripts()[0]!.nonce).toBe('abc')
    expect(mounts).toEqual([expect.objectContaining({ nonce: 'abc', theme: { mode: 'dark' } })])
  })

  it('data-launcher="true" loads the UI at once with the launcher on', async () => {
    const mounts: unknown[] = []
    w.candorUI = (_c, o) => {
      mounts.push(o)
      return () => {}
    }
    document.querySelector('script')!.dataset.launcher = 'true'
    boot(create)
    await settle()
    expect(uiScripts()).toHaveLength(1)
    expect(mounts).toEqual([expect.objectContaining({ launcher: true })])
  })

  it('when the UI cannot load, the survey is dismissed so the engine is not stuck', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = (window as unknown as { happyDOM: { settings: Record<string, unknown> } })
      .happyDOM.settings
    settings.handleDisabledFileLoadingAsSuccess = false
    boot(create)
    const api = candor.present(survey([{ id: 'q', type: 'nps', title: 'T' }]))
    await settle()
    expect(api.dismissed).toBe(1)
  })

  it('offline, the survey waits for the network instead of being dismissed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = (window as unknown as { happyDOM: { settings: Record<string, unknown> } })
      .happyDOM.settings
    settings.handleDisabledFileLoadingAsSuccess = false
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const shown: string[] = []
    w.candorUI = () => (s) => shown.push(s.id)
    boot(create)
    const api = candor.present(survey([{ id: 'q', type: 'nps', title: 'T' }]))
    await settle()
    expect(api.dismissed).toBe(0)
    onLine.mockReturnValue(true)
    settings.handleDisabledFileLoadingAsSuccess = true
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(shown).toEqual(['s1'])
    expect(api.dismissed).toBe(0)
  })

  it('booting twice (the tag pasted twice) keeps the first instance', () => {
    boot(create)
    const first = w.candor
    boot(() => {
      throw new Error('must not create a second SDK')
    })
    expect(w.candor).toBe(first)
  })
})
