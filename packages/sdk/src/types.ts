/** Public types of @candor/sdk: the contract the widget, the script-tag loader and apps use. */
import type { AnswerValue, ConfigResponse, Survey } from './schema'

/** CEIP consent. `pending`: nothing stored or sent, no id written. `feedback-only`: surveys and
 * feedback, no usage events. `granted`: everything. `denied`: nothing; the outbox is purged. */
export type Consent = 'pending' | 'feedback-only' | 'granted' | 'denied'

/** What `candor.flush()` resolves with. */
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

/** Free feedback, as passed to `candor.feedback()`. */
export interface FeedbackInput {
  /** The message (up to 10,000 characters). */
  text: string
  /** An integer 0-10, if the UI asks for one. */
  rating?: number
  /** A free label such as "bug" or "idea" (up to 100 characters). */
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

/** Renders a survey the SDK decided to show (see `candor.on('survey', ...)`). */
export type SurveyHandler = (survey: Survey, api: SurveyApi) => void

/** Options of `createCandor`. */
export interface CandorOptions {
  /** Collection server origin, e.g. https://candor.example.com */
  endpoint: string
  /** The project's public key (`pk_…`). */
  projectKey: string
  /** Consent at start (default `pending`: nothing stored or sent until `setConsent`). */
  consent?: Consent
  /** Preferred language for surveys (default: the browser's). */
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
  /** Backoff base in ms (default 1000); the delay doubles per failure, with jitter. */
  baseDelay?: number
  /** Backoff cap in ms (default 300,000). */
  maxDelay?: number
  /** While events wait, retry this often, ms (default 5000). */
  interval?: number
  /** A longer Retry-After is cut to this, ms (default 3,600,000). */
  maxRetryAfter?: number
  /** Wait this long after an event before sending, to batch bursts, ms (default 1000). */
  flushDelay?: number
}

/** A Candor client (from `createCandor`). No method throws into the page; failures are
 * reported through `on('delivery')`, `flush()` results and console warnings. */
export interface Candor {
  /** Change consent. Lowering it to `denied` purges the local outbox; `feedback-only` drops
   * queued usage events. */
  setConsent(consent: Consent): void
  /** The current consent. */
  readonly consent: Consent
  /** Record a usage event (kept only with consent `granted`); may trigger `event` surveys. */
  track(name: string, props?: Record<string, string | number | boolean | null>): void
  /** Send free feedback (consent `granted` or `feedback-only`). */
  feedback(input: FeedbackInput): void
  /** Attach your user id to later events; no argument clears it. Candor never needs one. */
  identify(userId?: string): void
  /** Attributes used for survey audience targeting and saved with survey responses. */
  setAttributes(attributes: Record<string, string | number | boolean>): void
  /** Change the preferred survey language. */
  setLocale(locale: string): void
  /** Show a survey now (by id), ignoring triggers but not consent. */
  show(surveyId: string): void
  /** Headless rendering: `handler` gets every survey to show (the widget uses this too).
   * Returns the unsubscribe. */
  on(event: 'survey', handler: SurveyHandler): () => void
  /** Delivery notices (saved, sent, dropped). Returns the unsubscribe. */
  on(event: 'delivery', handler: (notice: DeliveryNotice) => void): () => void
  /** Send what the outbox holds now; resolves (never rejects) with the counts. */
  flush(): Promise<FlushResult>
  /** Erase local state and ask the server to erase this install's data. */
  forget(): Promise<void>
  /** Forget the user (new install id, attributes cleared); keeps consent. */
  reset(): void
  /** Stop timers, listeners and the survey engine; the stored outbox stays for the next page. */
  shutdown(): void
}

export type { AnswerValue, ConfigResponse, Survey }
