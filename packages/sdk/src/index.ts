/**
 * @candor/sdk: the headless core. Public API: createCandor, createCandorLazy, surveyModule
 * and the types below.
 * @module @candor/sdk
 */
import { browserPlatform } from './browser/platform'
import { createCandorWith } from './candor'
import { watchBrowser } from './surveys/browser-triggers'
import { createSurveyEngine } from './surveys/engine'
import type { Candor, CandorOptions } from './types'

/** Create a Candor client on the browser's IndexedDB, fetch and Web Locks. Runs nothing at
 * import time; safe to call during SSR (it then stores and sends nothing). */
export const createCandor = (options: CandorOptions): Candor =>
  createCandorWith(options, browserPlatform(options, watchBrowser), createSurveyEngine)

/** The survey engine and its page trigger sources: what `createCandorLazy` loads. */
export interface SurveyModule {
  /** Builds the survey engine (targeting, frequency, branching) for one client. */
  createSurveyEngine: typeof createSurveyEngine
  /** Feeds page signals (URL changes, clicks, scroll, exit intent) to the engine. */
  watchBrowser: typeof watchBrowser
}

/** The survey engine as one value, for a separately loaded chunk (`createCandorLazy`). */
export const surveyModule: SurveyModule = { createSurveyEngine, watchBrowser }

/**
 * createCandor for size-bound builds (the script tag): the survey engine is not bundled but
 * loaded by `loadSurveys` once the config has an active survey (no survey, no download). If
 * the load fails, surveys stay off for this page; delivery is unaffected.
 */
export const createCandorLazy = (
  options: CandorOptions,
  loadSurveys: () => Promise<SurveyModule>,
): Candor => {
  let mod: SurveyModule | undefined
  return createCandorWith(
    options,
    browserPlatform(options, (engine, w) => mod!.watchBrowser(engine, w)),
    async (host) => {
      mod = await loadSurveys()
      return mod.createSurveyEngine(host)
    },
  )
}

export type {
  AnswerValue,
  Candor,
  CandorOptions,
  ConfigResponse,
  Consent,
  DeliveryNotice,
  DeliveryOptions,
  FeedbackInput,
  FlushResult,
  Survey,
  SurveyApi,
  SurveyHandler,
} from './types'
