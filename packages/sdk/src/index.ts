/** @candor/sdk: the headless core. Public API: createCandor and the types below. */
import { browserPlatform } from './browser/platform'
import { createCandorWith } from './candor'
import { createSurveyEngine } from './surveys/engine'
import type { Candor, CandorOptions } from './types'

/** Create a Candor client on the browser's IndexedDB, fetch and Web Locks. Runs nothing at
 * import time; safe to call during SSR (it then stores and sends nothing). */
export const createCandor = (options: CandorOptions): Candor =>
  createCandorWith(options, browserPlatform(options), createSurveyEngine)

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
