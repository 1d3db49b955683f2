/** Public types of @candor/sdk: the contract the widget, the script-tag loader and apps use. */
import type { AnswerValue, ConfigResponse, Survey } from './schema'

/** CEIP consent. `pending`: nothing stored or sent, no id written. `feedback-only`: surveys and
 * feedback, no usage events. `granted`: everything. `denied`: nothing; the outbox is purged. */
export type Consent = 'pending' | 'feedback-only' | 'granted' | 'denied'

export interface FlushResult {
  /** Events acked by the server during this flush. */
  sent: number
  /** Events still in the outbox afterwards. */
  pending: number
  /** Events dropped during this flush (rejected, oversize, or refused for good). */
  dropped: number
}

/** Delivery notifications for UI ("saved, will send" vs "sent"). */
export type DeliveryNotice =
  | { type: 'saved'; eventId: string; responseId?: string }
  | { type: 'sent'; eventIds: string[]; responseIds: string[] }
  | { type: 'dropped'; count: number; reason: string }

export interface FeedbackInput {
  text: string
  rating?: number
  category?: string
}

/** Handed to whoever renders a survey (the widget, or an app's own UI in headless mode). */
export interface SurveyApi {
  /** Stable for this showing; every step is saved under it and merged by the server. */
  readonly responseId: string
  /** Locale chosen for this showing (a key of survey.translations, or the survey's own text). */
  readonly locale: string
  /** The survey with its translation for `locale` already applied. */
  readonly survey: Survey
  /** First question to show. */
  readonly firstQuestionId: string
  /**
   * Save one step's answers (only that step's) and get the next question id, or 'end'.
   * Branching logic is applied here. At 'end' the response is saved as finished.
   */
  answer(questionId: string, value: AnswerValue, extra?: Record<string, AnswerValue>): string
  /** Close without finishing (saves a dismiss event; answers already given are kept). */
  dismiss(): void
}

export type SurveyHandler = (survey: Survey, api: SurveyApi) => void

export interface CandorOptions {
  /** Collection server origin, e.g. https://candor.example.com */
  endpoint: string
  projectKey: string
  consent?: Consent
  locale?: string
  /** Fetch /config and run the survey engine (default true). */
  surveys?: boolean
  /** Outbox bounds and delivery timing; every field has a documented default (docs/DELIVERY.md). */
  delivery?: DeliveryOptions
}

/** Limits and timings of the outbox and its delivery (all optional; defaults in docs/DELIVERY.md). */
export interface DeliveryOptions {
  /** Most events kept in the outbox (default 1000). */
  maxCount?: number
  /** Most bytes of event JSON kept in the outbox (default 2,000,000). */
  maxBytes?: number
  /** Events older than this many ms are evicted (default 7 days). */
  maxAgeMs?: number
  /** Most events per request (default 100). */
  batchCount?: number
  /** Most bytes per request (default 60,000; page-unload requests must stay under 64 KB). */
  batchBytes?: number
  /** Backoff base and cap in ms (defaults 1000 and 300,000). */
  baseDelay?: number
  maxDelay?: number
  /** While events wait, retry this often, ms (default 5000). */
  interval?: number
  /** A longer Retry-After is cut to this, ms (default 3,600,000). */
  maxRetryAfter?: number
  /** Wait this long after an event before sending, to batch bursts, ms (default 1000). */
  flushDelay?: number
}

export interface Candor {
  setConsent(consent: Consent): void
  readonly consent: Consent
  track(name: string, props?: Record<string, string | number | boolean | null>): void
  feedback(input: FeedbackInput): void
  identify(userId?: string): void
  setAttributes(attributes: Record<string, string | number | boolean>): void
  setLocale(locale: string): void
  /** Show a survey now (by id), ignoring triggers but not consent. */
  show(surveyId: string): void
  on(event: 'survey', handler: SurveyHandler): () => void
  on(event: 'delivery', handler: (notice: DeliveryNotice) => void): () => void
  flush(): Promise<FlushResult>
  /** Erase local state and ask the server to erase this install's data. */
  forget(): Promise<void>
  /** Forget the user (new install id, attributes cleared); keeps consent. */
  reset(): void
  shutdown(): void
}

export type { AnswerValue, ConfigResponse, Survey }
