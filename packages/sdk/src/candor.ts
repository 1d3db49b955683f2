/**
 * createCandor on ports: consent, the install id, the outbox, delivery and the survey engine
 * wired together. Every public method is wrapped: the SDK never throws into the host page.
 */
import { mayKeep, mayStore } from './consent'
import { createDelivery, type DeliveryConfig } from './delivery'
import { createOutbox } from './outbox'
import type { Platform } from './ports'
import type { ConfigResponse, FeedbackEvent, TrackEvent, WireEvent } from './schema'
import { verdict } from './status'
import type { BrowserSurveyEngine } from './surveys/engine'
import type { NewEvent, SurveyEngineHost } from './surveys/engine-types'
import type {
  Candor,
  CandorOptions,
  Consent,
  DeliveryNotice,
  FlushResult,
  SurveyHandler,
} from './types'
import { uuidv7 } from './uuid'

export const DEFAULTS: DeliveryConfig = {
  maxCount: 1000,
  maxBytes: 2e6,
  maxAgeMs: 7 * 864e5,
  batchCount: 100,
  batchBytes: 6e4,
  baseDelay: 1e3,
  maxDelay: 3e5,
  interval: 5e3,
  maxRetryAfter: 36e5,
  flushDelay: 1e3,
}

type Body<E> = Omit<E, 'id' | 'time' | 'installId' | 'userId' | 'url' | 'locale'>
type Props = Record<string, string | number | boolean | null>
type Attrs = Record<string, string | number | boolean>
/** Makes the survey engine; may return a promise (a lazily loaded engine chunk). */
export type MakeEngine = (
  host: SurveyEngineHost,
) => BrowserSurveyEngine | Promise<BrowserSurveyEngine>

const CONSENTS: Consent[] = ['pending', 'feedback-only', 'granted', 'denied']
const noop = () => {}

export const createCandorWith = (
  options: CandorOptions,
  p: Platform,
  makeEngine?: MakeEngine,
): Candor => {
  const o: DeliveryConfig = { ...DEFAULTS, ...options.delivery }
  const base = `${String(options.endpoint).replace(/\/+$/, '')}/v1/p/${encodeURIComponent(options.projectKey)}`
  let consent: Consent = 'pending'
  let installId: string | undefined
  let userId: string | undefined
  let attributes: Attrs = {}
  let locale = options.locale || p.language()
  let ready: Promise<void> | undefined
  let engine: BrowserSurveyEngine | undefined
  let surveysStarted = false
  /** show() called before the engine existed. */
  let wanted: string | undefined
  // Events tracked (with consent) while the engine loads still trigger surveys, if recent.
  const early: [string, Props | undefined, number][] = []
  let offs: (() => void)[] = []
  let dead = false
  const surveyHandlers = new Set<SurveyHandler>()
  const noticeHandlers = new Set<(n: DeliveryNotice) => void>()

  const warn = (m: string) => {
    try {
      p.warn(m)
    } catch {}
  }
  const notify = (n: DeliveryNotice) => {
    for (const f of noticeHandlers)
      try {
        f(n)
      } catch {}
  }

  const outbox = createOutbox(p.storage, o, { ...p, warn }, (reason, count) =>
    notify({ type: 'dropped', count, reason }),
  )
  const delivery = createDelivery(
    p,
    outbox,
    o,
    `${base}/events`,
    () => !dead && mayStore(consent),
    notify,
  )

  const saveUser = () => {
    if (mayStore(consent)) outbox._set('user', { userId, attributes })
  }

  /** Ask the server to erase an install; remembered and retried if the request fails. */
  const sendForget = async (id: string) => {
    const r = await p.transport.post(`${base}/forget`, JSON.stringify({ installId: id }))
    const retry = verdict(r.status) === 'retry'
    if (mayStore(consent)) await outbox._set('forget', retry ? id : undefined)
  }

  /** The config from the server, else the last one kept (a page started offline). The
   * browser's HTTP cache does the ETag round trip; the request starts at once, in parallel
   * with the storage reads, so a survey can show as early as possible. */
  const loadConfig = async () => {
    const [cached, r] = await Promise.all([
      outbox._get<ConfigResponse>('config'),
      p.transport.get(`${base}/config`),
    ])
    const fresh = r.body as ConfigResponse | undefined
    // A cheap shape check: zod stays off the browser path; the server validated every survey.
    if (r.status !== 200 || !Array.isArray(fresh?.surveys)) return cached
    const config = { surveys: fresh.surveys, settings: fresh.settings ?? { recontactDays: 0 } }
    if (mayStore(consent)) outbox._set('config', config)
    return config
  }

  /** Fetch the config; only if a survey is active, make the engine (`makeEngine` may load it
   * lazily: no survey, no engine code downloaded) and watch the page for its triggers. */
  const startSurveys = async () => {
    if (surveysStarted || !makeEngine || options.surveys === false) return
    surveysStarted = true
    const config = await loadConfig()
    // No config at all (first visit, offline): try again when the network comes back.
    if (!config) surveysStarted = false
    await init()
    if (!config?.surveys.length || dead || !installId) return
    const e = await makeEngine({
      now: p.now,
      context: () => ({ installId, attributes, locale, url: p.url(), device: p.device() }),
      state: {
        get: (k) => outbox._get(`s:${k}`),
        set: async (k, v) => {
          if (mayStore(consent)) await outbox._set(`s:${k}`, v)
        },
      },
      newId: () => uuidv7(p.now()),
      present(survey, api) {
        for (const f of surveyHandlers)
          try {
            f(survey, api)
          } catch {}
        return surveyHandlers.size > 0
      },
      record: (ev: NewEvent) => record(ev),
    })
    if (dead) return e.destroy()
    engine = e
    const unwatch = p.watch?.(e)
    if (unwatch) offs.push(unwatch)
    e.setConfig(config)
    for (const [n, pr, t] of early.splice(0)) if (p.now() - t < 1e4) e.onEvent(n, pr)
    if (wanted) e.show(wanted)
  }

  /** Once consent allows storing: read or write the install id, then start everything. */
  const init = (): Promise<void> =>
    (ready ??= (async () => {
      startSurveys().catch(noop)
      const [id, user, forgotten] = await Promise.all([
        outbox._get<string>('installId'),
        outbox._get<{ userId?: string; attributes?: Attrs }>('user'),
        outbox._get<string>('forget'),
      ])
      if (!mayStore(consent)) return
      installId = id ?? uuidv7(p.now())
      if (!id) outbox._set('installId', installId)
      userId ??= user?.userId
      attributes = { ...user?.attributes, ...attributes }
      if (forgotten) sendForget(forgotten).catch(noop)
      if (!offs.length && p.lifecycle)
        offs.push(
          p.lifecycle({
            online() {
              delivery._online()
              startSurveys().catch(noop)
            },
            hidden: delivery._unload,
          }),
        )
      delivery._soon(0)
    })().catch(noop))

  /** Stamp an event and write it to the outbox (consent-checked) before any send. */
  const record = (body: NewEvent | Body<TrackEvent> | Body<FeedbackEvent>) => {
    if (dead) return
    if (!mayKeep(consent, body.type)) {
      notify({ type: 'dropped', count: 1, reason: 'consent' })
      return
    }
    const now = p.now()
    const event = {
      ...body,
      id: uuidv7(now),
      time: now,
      installId: '',
      userId,
      url: p.url().slice(0, 2048) || undefined,
      locale: locale.slice(0, 35),
    } as WireEvent
    init()
      .then(() => {
        // Consent may have changed while the install id was read.
        if (!installId || !mayKeep(consent, event.type)) return
        event.installId = installId
        return outbox._add([event]).then(() => {
          notify({
            type: 'saved',
            eventId: event.id,
            responseId: 'responseId' in event ? event.responseId : undefined,
          })
          delivery._soon(o.flushDelay)
        })
      })
      .catch(noop)
  }

  /** Wrap a public method: a bug or a bad argument never reaches the host page. */
  const safe =
    <A extends unknown[], R>(f: (...a: A) => R, fallback?: R) =>
    (...a: A): R => {
      try {
        return f(...a)
      } catch (e) {
        warn(`Candor: ${e}`)
        return fallback as R
      }
    }

  const api: Candor = {
    get consent() {
      return consent
    },
    setConsent: safe((c: Consent) => {
      if (dead || !CONSENTS.includes(c) || c === consent) return
      const was = consent
      consent = c
      if (c === 'denied') {
        // A revoke purges everything local, the install id included.
        installId = undefined
        ready = undefined
        outbox._purge()
      } else if (c === 'feedback-only' && was === 'granted')
        outbox._purge((r) => r.event.type === 'track')
      if (mayStore(c)) init().then(() => delivery._soon(0))
    }),
    track: safe((name: string, props?: Props) => {
      if (typeof name !== 'string' || !name) return
      record({ type: 'track', name: name.slice(0, 200), props })
      if (engine) engine.onEvent(name, props)
      else if (mayStore(consent) && early.length < 20) early.push([name, props, p.now()])
    }),
    feedback: safe((input) => {
      if (!input || typeof input.text !== 'string') return
      record({ type: 'feedback', text: input.text, rating: input.rating, category: input.category })
    }),
    identify: safe((id?: string) => {
      userId = id ? String(id) : undefined
      saveUser()
    }),
    setAttributes: safe((a: Attrs) => {
      attributes = { ...attributes, ...a }
      saveUser()
    }),
    setLocale: safe((l: string) => {
      if (typeof l === 'string' && l) locale = l
    }),
    show: safe((id: string) => {
      if (engine) engine.show(id)
      else wanted = id
    }),
    on: safe(
      (event: 'survey' | 'delivery', handler: SurveyHandler | ((n: DeliveryNotice) => void)) => {
        const set = (event === 'survey' ? surveyHandlers : noticeHandlers) as Set<unknown>
        if (typeof handler !== 'function' || (event !== 'survey' && event !== 'delivery'))
          return noop
        set.add(handler)
        return () => {
          set.delete(handler)
        }
      },
      noop,
    ) as Candor['on'],
    async flush(): Promise<FlushResult> {
      try {
        if (!mayStore(consent) || dead) return { sent: 0, pending: outbox._size(), dropped: 0 }
        await init()
        return await delivery._flush(true)
      } catch {
        return { sent: 0, pending: outbox._size(), dropped: 0 }
      }
    },
    async forget() {
      try {
        const id = installId ?? (await outbox._get<string>('installId'))
        await outbox._purge()
        installId = undefined
        ready = undefined
        userId = undefined
        attributes = {}
        if (id) await sendForget(id)
        if (mayStore(consent)) await init()
      } catch {}
    },
    reset: safe(() => {
      userId = undefined
      attributes = {}
      if (installId) {
        installId = uuidv7(p.now())
        outbox._set('installId', installId)
      }
      saveUser()
    }),
    shutdown: safe(() => {
      dead = true
      delivery._stop()
      engine?.destroy()
      for (const off of offs) off()
      offs = []
      surveyHandlers.clear()
      noticeHandlers.clear()
    }),
  }

  const initial = options.consent
  if (initial && initial !== 'pending') api.setConsent(initial)
  return api
}
