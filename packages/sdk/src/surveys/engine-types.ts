/**
 * The seam between the survey engine (packages/sdk/src/surveys, pure, no DOM) and the rest of
 * the SDK (createCandor wires it). Browser-only trigger sources (clicks, scroll, exit intent,
 * SPA navigation, timers) live in their own adapter file and call into the engine.
 */
import type { ConfigResponse, Survey, WireEvent } from '../schema'
import type { SurveyApi } from '../types'

export type DeviceType = 'desktop' | 'mobile' | 'tablet'

/** What the engine needs to know about the current user and page. */
export interface EngineContext {
  /** undefined while consent is pending/denied: the engine then shows nothing. */
  installId: string | undefined
  attributes: Record<string, string | number | boolean>
  locale: string
  url: string
  device: DeviceType
}

/** A new event for the outbox; the SDK adds id, time, installId, userId, url, locale. */
export type NewEvent = DistributiveOmit<
  Extract<WireEvent, { type: 'display' | 'dismiss' | 'response' }>,
  'id' | 'time' | 'installId' | 'userId' | 'url' | 'locale'
>
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** Small persistent key/value state (display counts, last shown, answered). May be in memory. */
export interface EngineState {
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
}

export interface SurveyEngineHost {
  now(): number
  context(): EngineContext
  state: EngineState
  /** Make a fresh id (UUIDv7) for a response. */
  newId(): string
  /** Hand the survey to renderers ('survey' listeners). Returns false if nobody renders it. */
  present(survey: Survey, api: SurveyApi): boolean
  /** Write a display / dismiss / response event through the outbox (consent-checked there). */
  record(event: NewEvent): void
}

export interface SurveyEngine {
  setConfig(config: ConfigResponse): void
  /** A `track` call happened (event triggers with property filters). */
  onEvent(name: string, props?: Record<string, unknown>): void
  /** The URL changed (first load or SPA route change): pageview triggers, cancel stale delays. */
  onPageview(url: string): void
  /** Browser trigger sources report here (click selector matched, scroll %, exit intent). */
  onTrigger(
    type: 'click' | 'scroll' | 'exit-intent',
    detail?: { selector?: string; percent?: number },
  ): void
  /** Show a survey by id, ignoring triggers and audience (still needs consent). */
  show(surveyId: string): void
  /** The survey on screen, if any (one at a time). */
  readonly active: string | undefined
  destroy(): void
}
