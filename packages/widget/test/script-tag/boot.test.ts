// @vitest-environment happy-dom
import type { Candor, CandorOptions } from '@candor/sdk'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { boot } from '../../src/script-tag/boot'
import type { CandorGlobals, TagSettings } from '../../src/script-tag/contract'
import { startCore } from '../../src/script-tag/core'
import { type FakeCandor, fakeCandor, settle, survey } from '../fake-candor'

type Win = Window & CandorGlobals & { candor?: ((...a: unknown[]) => unknown) & { q?: unknown[] } }
const w = window as unknown as Win
const g = globalThis as Record<string, unknown>
// What rollup writes into candor.js and the core chunk at build time.
g.__CANDOR_CORE_FILE__ = 'candor-core.9876543210.js'
g.__CANDOR_CORE_SRI__ = 'sha384-core'
g.__CANDOR_UI_FILE__ = 'candor-ui.0123456789.js'
g.__CANDOR_UI_SRI__ = 'sha384-test'

// The DESIGN.md stub queues `arguments`; the loader takes any array-like per call.
const STUB = () => {
  const q: unknown[][] = []
  w.candor = Object.assign((...args: unknown[]) => void q.push(args), { q }) as never
}

let candor: FakeCandor
let options: CandorOptions | undefined
let tags: TagSettings[]
const create = (o: CandorOptions): Candor => {
  options = o
  return candor
}
const scripts = () => [...document.head.querySelectorAll<HTMLScriptElement>('script[integrity]')]
const srcs = () => scripts().map((s) => s.src.replace('https://cdn.example.com/', ''))
const happyDOM = () =>
  (window as unknown as { happyDOM: { settings: Record<string, unknown> } }).happyDOM.settings
/** happy-dom "loads" an injected script without running it: the core chunk's one line is this. */
const coreChunk = (make: typeof create = create) => {
  w.candorCore = (tag, load) => {
    tags.push(tag)
    return startCore(make, tag, load)
  }
}
/** candor.js, then the core chunk's load. */
const start = async (make: typeof create = create) => {
  coreChunk(make)
  boot()
  await settle()
}

beforeEach(() => {
  candor = fakeCandor()
  options = undefined
  tags = []
  document.head.innerHTML = ''
  happyDOM().handleDisabledFileLoadingAsSuccess = true
  document.body.innerHTML =
    '<script src="https://cdn.example.com/candor.js" data-project-key="pk_test"></script>'
  w.candor = undefined
  w.candorCore = undefined
  w.candorUI = undefined
})
afterEach(() => vi.restoreAllMocks())

describe('candor.js (the first script)', () => {
  it('with no queued command and no launcher it fetches nothing: the core waits', async () => {
    STUB()
    await start()
    expect(scripts()).toEqual([])
    expect(options).toBeUndefined()
  })

  it('the first command injects the core chunk with SRI, CORS and the tag nonce', async () => {
    document.querySelector('script')!.nonce = 'n0nce'
    await start()
    w.candor!('consent', 'granted')
    w.candor!('track', 'a')
    await settle()
    const [s, ...more] = scripts()
    expect(more).toEqual([])
    expect(s!.src).toBe('https://cdn.example.com/candor-core.9876543210.js')
    expect(s!.integrity).toBe('sha384-core')
    expect(s!.crossOrigin).toBe('anonymous')
    expect(s!.nonce).toBe('n0nce')
    expect(candor.calls).toEqual([
      ['setConsent', 'granted'],
      ['track', 'a'],
    ])
  })

  it('reads data-project-key and defaults the endpoint to the script origin', async () => {
    STUB()
    w.candor!('consent', 'granted')
    await start()
    expect(options).toEqual({ endpoint: 'https://cdn.example.com', projectKey: 'pk_test' })
    expect(tags).toEqual([
      {
        endpoint: 'https://cdn.example.com',
        projectKey: 'pk_test',
        launcher: false,
        nonce: document.querySelector('script')!.nonce,
        theme: undefined,
      },
    ])
  })

  it('uses data-endpoint when given, for the SDK and for every chunk', async () => {
    document.querySelector('script')!.dataset.endpoint = 'https://collect.example.org/'
    STUB()
    w.candor!('consent', 'granted')
    await start()
    expect(options?.endpoint).toBe('https://collect.example.org')
    expect(scripts()[0]!.src).toBe('https://collect.example.org/candor-core.9876543210.js')
  })

  it('replays the stub queue in order, then the calls made while the core loaded, then runs calls directly', async () => {
    STUB()
    w.candor!('consent', 'granted')
    w.candor!('track', 'export_clicked', { format: 'pdf' })
    w.candor!('identify', 'u1')
    coreChunk()
    boot()
    w.candor!('attributes', { plan: 'pro' }) // the core is still loading
    w.candor!('feedback', { text: 'hi' })
    expect(candor.calls).toEqual([])
    await settle()
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

  it('a command made before the core ran resolves with its result once it has (flush)', async () => {
    coreChunk()
    boot()
    const early = w.candor!('flush')
    await expect(early).resolves.toEqual({ sent: 0, pending: 0, dropped: 0 })
    await expect(w.candor!('flush')).resolves.toEqual({ sent: 0, pending: 0, dropped: 0 })
  })

  it('when the core cannot load, the commands wait and the next command tries again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    happyDOM().handleDisabledFileLoadingAsSuccess = false
    await start()
    w.candor!('consent', 'granted')
    await settle()
    expect(warn.mock.calls.flat().join(' ')).toContain('the SDK could not be loaded')
    happyDOM().handleDisabledFileLoadingAsSuccess = true
    w.candor!('track', 'a')
    await settle()
    expect(srcs()).toEqual(['candor-core.9876543210.js', 'candor-core.9876543210.js'])
    expect(candor.calls).toEqual([
      ['setConsent', 'granted'],
      ['track', 'a'],
    ])
  })

  it('a core chunk that throws as it starts is reported, never thrown, and tried again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const rejections: unknown[] = []
    const onRejection = (e: PromiseRejectionEvent) => rejections.push(e.reason)
    window.addEventListener('unhandledrejection', onRejection)
    w.candorCore = () => {
      throw new Error('broken chunk')
    }
    boot()
    w.candor!('consent', 'granted')
    await settle()
    expect(warn).toHaveBeenCalled()
    coreChunk()
    w.candor!('track', 'a')
    await settle()
    window.removeEventListener('unhandledrejection', onRejection)
    expect(rejections).toEqual([])
    expect(candor.calls).toEqual([
      ['setConsent', 'granted'],
      ['track', 'a'],
    ])
  })

  it('offline, the core is fetched again when the network is back', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    happyDOM().handleDisabledFileLoadingAsSuccess = false
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    await start()
    w.candor!('consent', 'granted')
    await settle()
    expect(candor.calls).toEqual([])
    onLine.mockReturnValue(true)
    happyDOM().handleDisabledFileLoadingAsSuccess = true
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(candor.calls).toEqual([['setConsent', 'granted']])
  })

  it('booting twice (the tag pasted twice) keeps the first instance', async () => {
    await start()
    const first = w.candor
    boot()
    expect(w.candor).toBe(first)
  })
})

describe('the core chunk', () => {
  /** candor.js with its core run (a first command made it load). */
  const withCore = async () => {
    await start()
    w.candor!('flush')
    await settle()
  }
  const uiScripts = () => scripts().filter((s) => !s.src.includes('candor-core'))

  it('flush returns the SDK promise', async () => {
    await withCore()
    await expect(w.candor!('flush')).resolves.toEqual({ sent: 0, pending: 0, dropped: 0 })
  })

  it('warns once per unknown command and never throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    STUB()
    w.candor!('nope', 1)
    await withCore()
    expect(() => w.candor!('launch-rockets')).not.toThrow()
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls[1]!.join(' ')).toContain('unknown command "launch-rockets"')
  })

  it('a command that throws inside the SDK is caught', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await withCore()
    candor.track = () => {
      throw new Error('boom')
    }
    expect(() => w.candor!('track', 'x')).not.toThrow()
  })

  it('does not fetch the UI chunk while nothing shows', async () => {
    STUB()
    w.candor!('consent', 'granted')
    await withCore()
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
    await withCore()
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
    await withCore()
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
    await withCore()
    await settle()
    expect(uiScripts()).toHaveLength(1)
    expect(mounts).toEqual([expect.objectContaining({ launcher: true })])
  })

  it('when the UI cannot load, the survey is dismissed so the engine is not stuck', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await withCore()
    const settings = happyDOM()
    settings.handleDisabledFileLoadingAsSuccess = false // the UI chunk's load fails
    const api = candor.present(survey([{ id: 'q', type: 'nps', title: 'T' }]))
    await settle()
    expect(api.dismissed).toBe(1)
  })

  it('offline, the survey waits for the network instead of being dismissed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const shown: string[] = []
    w.candorUI = () => (s) => shown.push(s.id)
    await withCore()
    const settings = happyDOM()
    settings.handleDisabledFileLoadingAsSuccess = false // the UI chunk's load fails
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
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

  it("the UI chunk's lazy chunks load through candor.js's loader: from the endpoint, with the nonce", async () => {
    const tag = document.querySelector('script')!
    tag.dataset.endpoint = 'https://collect.example.org'
    tag.nonce = 'abc'
    let loadChunk: ((file: string, integrity: string) => Promise<void>) | undefined
    w.candorUI = (_c, _o, load) => {
      loadChunk = load
      return () => {}
    }
    await withCore()
    candor.present(survey([{ id: 'q', type: 'nps', title: 'T' }]))
    await settle()
    await loadChunk!('candor-de.0123456789.js', 'sha256-de')
    const de = scripts().find((s) => s.src.includes('candor-de'))!
    expect(de.src).toBe('https://collect.example.org/candor-de.0123456789.js')
    expect(de.integrity).toBe('sha256-de')
    expect(de.nonce).toBe('abc')
  })
})
