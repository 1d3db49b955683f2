import { type SurveyInput, Survey as SurveySchema } from '../../src/schema'
import { createSurveyEngine } from '../../src/surveys/engine'
import type { EngineContext, NewEvent, SurveyEngineHost } from '../../src/surveys/engine-types'
import type { SurveyApi } from '../../src/types'

export const T0 = Date.parse('2026-06-01T12:00:00Z')
export const DAY = 864e5

/** A valid survey (parsed by the real schema, so fixtures can't drift from the contract). */
export const survey = (over: Partial<SurveyInput> = {}) =>
  SurveySchema.parse({
    id: 's1',
    name: 'Survey',
    status: 'active',
    questions: [{ id: 'q1', type: 'nps', title: 'How likely?' }],
    triggers: [{ type: 'pageview' }],
    ...over,
  })

/** Let the engine's awaited state read and the decision after it run. */
export const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

export const makeHost = (ctx: Partial<EngineContext> = {}) => {
  const events: NewEvent[] = []
  const shown: { survey: Survey; api: SurveyApi }[] = []
  const store = new Map<string, unknown>()
  let ids = 0
  const h = {
    time: T0,
    renders: true,
    ctx: {
      installId: 'install-0001',
      attributes: {},
      locale: 'en-US',
      url: 'https://app.test/',
      device: 'desktop',
      ...ctx,
    } as EngineContext,
    events,
    shown,
    store,
    /** The last presented survey's api. */
    get api(): SurveyApi {
      const last = shown.at(-1)
      if (!last) throw new Error('nothing shown')
      return last.api
    },
  }
  const host: SurveyEngineHost = {
    now: () => h.time,
    context: () => h.ctx,
    state: {
      get: async <T>(k: string) => structuredClone(store.get(k)) as T | undefined,
      set: async (k, v) => {
        store.set(k, structuredClone(v))
      },
    },
    newId: () => `response-${++ids}`,
    present: (s, api) => {
      if (!h.renders) return false
      shown.push({ survey: s, api })
      return true
    },
    record: (e) => {
      events.push(e)
    },
  }
  return Object.assign(h, { host })
}

type Survey = ReturnType<typeof survey>

/** An engine with `surveys` configured, page `url` viewed, and pending decisions flushed. */
export const setup = async (
  surveys: Survey[],
  opts: { url?: string; ctx?: Partial<EngineContext>; recontactDays?: number } = {},
) => {
  const h = makeHost(opts.ctx)
  const engine = createSurveyEngine(h.host)
  engine.setConfig({ surveys, settings: { recontactDays: opts.recontactDays ?? 0 } })
  engine.onPageview(opts.url ?? h.ctx.url)
  await flush()
  return { h, engine }
}
