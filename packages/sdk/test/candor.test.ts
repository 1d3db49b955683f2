/** createCandor wiring: the public API surface, SSR safety, and the survey engine seam. */
import { describe, expect, it, vi } from 'vitest'
import { createSurveyEngine } from '../src/surveys/engine'
import type { DeliveryNotice } from '../src/types'
import { fakeServer, makeCandor, settle, testPlatform } from './support/fakes'

describe('public API', () => {
  it('exports exactly createCandor, createCandorLazy and surveyModule at runtime', async () => {
    const mod = await import('../src/index')
    expect(Object.keys(mod).sort()).toEqual(['createCandor', 'createCandorLazy', 'surveyModule'])
  })

  it('the client has exactly the methods of the Candor type', () => {
    const { candor } = makeCandor()
    expect(Object.keys(candor).sort()).toEqual(
      [
        'consent',
        'setConsent',
        'track',
        'feedback',
        'identify',
        'setAttributes',
        'setLocale',
        'show',
        'on',
        'flush',
        'forget',
        'reset',
        'shutdown',
      ].sort(),
    )
  })
})

describe('SSR and import safety', () => {
  it('importing runs nothing: no request, no storage, no timer', async () => {
    vi.resetModules()
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const openSpy = vi.spyOn(indexedDB, 'open')
    const timerSpy = vi.spyOn(globalThis, 'setTimeout')
    await import('../src/index')
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(openSpy).not.toHaveBeenCalled()
    expect(timerSpy).not.toHaveBeenCalled()
    vi.restoreAllMocks()
  })

  it('on a server (no window, no indexedDB) createCandor works in memory and never throws', async () => {
    vi.resetModules()
    vi.stubGlobal('indexedDB', undefined)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { createCandor } = await import('../src/index')
    const pending = createCandor({ endpoint: 'http://127.0.0.1:9', projectKey: 'pk_ssr' })
    pending.track('rendered')
    expect(await pending.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    expect(warn).not.toHaveBeenCalled()
    const granted = createCandor({
      endpoint: 'http://127.0.0.1:9',
      projectKey: 'pk_ssr',
      consent: 'granted',
      surveys: false,
    })
    granted.track('rendered')
    // Port 9 refuses the connection: kept for a retry, in memory, with one warning.
    expect(await granted.flush()).toEqual({ sent: 0, pending: 1, dropped: 0 })
    expect(warn).toHaveBeenCalledTimes(1)
    granted.shutdown()
    pending.shutdown()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })
})

const config = {
  surveys: [
    {
      id: 'nps-q4',
      name: 'NPS',
      status: 'active',
      questions: [
        { id: 'score', type: 'nps', title: 'How likely?' },
        { id: 'why', type: 'text', title: 'Why?' },
      ],
      triggers: [{ type: 'event', name: 'export_clicked' }],
    },
  ],
  settings: { recontactDays: 0 },
}

describe('survey engine seam', () => {
  it('a survey shown on an event saves every step under one responseId, sent once', async () => {
    const server = fakeServer()
    server.setConfig(config)
    const { candor, notices } = makeCandor({ consent: 'granted' }, server, createSurveyEngine)
    const answers: string[] = []
    candor.on('survey', (survey, api) => {
      expect(survey.id).toBe('nps-q4')
      // A person answers later than the survey appears.
      setTimeout(() => {
        answers.push(api.answer('score', 6), api.answer('why', 'faster exports'))
      })
    })
    await settle(10)
    candor.track('export_clicked')
    await settle(20)
    expect(answers).toEqual(['why', 'end'])
    expect(await candor.flush()).toMatchObject({ sent: 4, pending: 0 })
    const events = [...server.stored.values()]
    expect(events.map((e) => e.type)).toEqual(['track', 'display', 'response', 'response'])
    const steps = events.filter((e) => e.type === 'response')
    expect(steps.map((e) => e.type === 'response' && [e.answers, e.finished])).toEqual([
      [{ score: 6 }, false],
      [{ why: 'faster exports' }, true],
    ])
    const responseId = steps[0]?.type === 'response' && steps[0].responseId
    expect(steps.every((e) => e.type === 'response' && e.responseId === responseId)).toBe(true)
    const sent = notices.find(
      (n): n is Extract<DeliveryNotice, { type: 'sent' }> => n.type === 'sent',
    )
    expect(sent?.responseIds).toEqual([responseId])
  })

  it('shows nothing and fetches no config while consent is pending', async () => {
    const server = fakeServer()
    server.setConfig(config)
    const get = vi.spyOn(server.transport, 'get')
    const platform = testPlatform({ transport: server.transport })
    const { candor } = makeCandor({ platform }, server, createSurveyEngine)
    const shown = vi.fn()
    candor.on('survey', shown)
    await settle(10)
    candor.track('export_clicked')
    candor.show('nps-q4')
    await settle(20)
    expect(get).not.toHaveBeenCalled()
    expect(shown).not.toHaveBeenCalled()
    candor.setConsent('feedback-only')
    await settle(20)
    expect(get).toHaveBeenCalledTimes(1)
    candor.show('nps-q4')
    await settle(20)
    expect(shown).toHaveBeenCalledTimes(1)
  })

  it('feedback-only: survey answers are kept, the triggering usage event is not', async () => {
    const server = fakeServer()
    server.setConfig(config)
    const { candor } = makeCandor({ consent: 'feedback-only' }, server, createSurveyEngine)
    candor.on('survey', (_s, api) => {
      setTimeout(() => {
        api.answer('score', 10)
        api.answer('why', 'great')
      })
    })
    await settle(10)
    candor.track('export_clicked')
    await settle(20)
    await candor.flush()
    expect([...server.stored.values()].map((e) => e.type)).toEqual([
      'display',
      'response',
      'response',
    ])
  })

  it('uses the cached config when the server cannot be reached at start-up', async () => {
    const server = fakeServer()
    server.setConfig(config)
    const storage = (await import('./support/fakes')).freshIdb()
    const p1 = testPlatform({ transport: server.transport, storage: () => storage })
    makeCandor({ consent: 'granted', platform: p1 }, server, createSurveyEngine).candor.shutdown()
    await settle(20)
    server.transport.get = async () => ({ status: 0 })
    const p2 = testPlatform({ transport: server.transport, storage: () => storage })
    const { candor } = makeCandor({ consent: 'granted', platform: p2 }, server, createSurveyEngine)
    const shown = vi.fn()
    candor.on('survey', shown)
    await settle(20)
    candor.track('export_clicked')
    await settle(20)
    expect(shown).toHaveBeenCalledTimes(1)
  })

  it('a first visit that starts offline (no config, none cached) fetches it on online', async () => {
    const server = fakeServer()
    server.setConfig(config)
    const get = server.transport.get
    server.transport.get = async () => ({ status: 0 })
    const t = testPlatform({ transport: server.transport })
    const { candor } = makeCandor({ consent: 'granted', platform: t }, server, createSurveyEngine)
    const shown = vi.fn()
    candor.on('survey', shown)
    await settle(20)
    candor.track('export_clicked')
    await settle(20)
    expect(shown).not.toHaveBeenCalled()
    server.transport.get = get
    t.lifecycle.online?.()
    await settle(20)
    candor.track('export_clicked')
    await settle(20)
    expect(shown).toHaveBeenCalledTimes(1)
  })

  it('makes no engine when no survey is active, and accepts a lazily loaded one', async () => {
    const server = fakeServer()
    server.setConfig({ surveys: [], settings: { recontactDays: 0 } })
    const factory = vi.fn(createSurveyEngine)
    makeCandor({ consent: 'granted' }, server, factory)
    await settle(20)
    expect(factory).not.toHaveBeenCalled()

    const busy = fakeServer()
    busy.setConfig(config)
    const lazy = vi.fn(async (host: Parameters<typeof createSurveyEngine>[0]) => {
      await new Promise((r) => setTimeout(r, 5)) // a chunk download
      return createSurveyEngine(host)
    })
    const { candor } = makeCandor({ consent: 'granted' }, busy, lazy)
    const shown = vi.fn()
    candor.on('survey', shown)
    candor.show('nps-q4') // before the engine exists: honoured once it does
    await new Promise((r) => setTimeout(r, 30))
    await settle(20)
    expect(lazy).toHaveBeenCalledTimes(1)
    expect(shown).toHaveBeenCalledTimes(1)
  })

  it('an event tracked while the engine loads triggers its survey once the engine is ready', async () => {
    const server = fakeServer()
    server.setConfig(config)
    let loaded!: () => void
    const chunk = new Promise<void>((r) => {
      loaded = r
    })
    const lazy = async (host: Parameters<typeof createSurveyEngine>[0]) => {
      await chunk // the survey chunk still downloading when the person clicks
      return createSurveyEngine(host)
    }
    const { candor } = makeCandor({ consent: 'granted' }, server, lazy)
    const shown = vi.fn()
    candor.on('survey', shown)
    await settle(10)
    candor.track('export_clicked')
    await settle(10)
    expect(shown).not.toHaveBeenCalled()
    loaded()
    await settle(20)
    expect(shown).toHaveBeenCalledTimes(1)

    // One tracked more than 10 s before the engine is ready is too old to interrupt for.
    let late!: () => void
    const slow = new Promise<void>((r) => {
      late = r
    })
    const other = makeCandor({ consent: 'granted' }, server, async (host) => {
      await slow
      return createSurveyEngine(host)
    })
    const none = vi.fn()
    other.candor.on('survey', none)
    await settle(10)
    other.candor.track('export_clicked')
    await other.t.advance(10_000)
    late()
    await settle(20)
    expect(none).not.toHaveBeenCalled()
    other.candor.track('export_clicked')
    await settle(20)
    expect(none).toHaveBeenCalledTimes(1)

    // One tracked before consent was never kept, so consent given later triggers nothing.
    const pending = makeCandor({}, server, createSurveyEngine)
    const never = vi.fn()
    pending.candor.on('survey', never)
    pending.candor.track('export_clicked')
    pending.candor.setConsent('granted')
    await settle(20)
    expect(never).not.toHaveBeenCalled()
    for (const c of [candor, other.candor, pending.candor]) c.shutdown()
  })

  it('createCandorLazy loads the survey module only when the config has an active survey', async () => {
    vi.stubGlobal('fetch', async (url: string) =>
      url.endsWith('/config')
        ? new Response(JSON.stringify(config), { status: 200 })
        : new Response(JSON.stringify({ accepted: 0, duplicates: 0, rejected: [] })),
    )
    const { createCandorLazy, surveyModule } = await import('../src/index')
    const load = vi.fn(async () => surveyModule)
    const candor = createCandorLazy(
      {
        endpoint: 'https://candor.test',
        projectKey: `pk_lazy_${Math.random()}`,
        consent: 'granted',
      },
      load,
    )
    const shown = vi.fn()
    candor.on('survey', shown)
    candor.show('nps-q4')
    for (let i = 0; i < 50 && !shown.mock.calls.length; i++)
      await new Promise((r) => setTimeout(r, 10))
    expect(load).toHaveBeenCalledTimes(1)
    expect(shown).toHaveBeenCalledTimes(1)
    candor.shutdown()

    vi.stubGlobal('fetch', async () => new Response('{"surveys":[],"settings":{}}'))
    const none = vi.fn(async () => surveyModule)
    const quiet = createCandorLazy(
      {
        endpoint: 'https://candor.test',
        projectKey: `pk_lazy_${Math.random()}`,
        consent: 'granted',
      },
      none,
    )
    await new Promise((r) => setTimeout(r, 100))
    expect(none).not.toHaveBeenCalled()
    quiet.shutdown()
    vi.unstubAllGlobals()
  })
})
