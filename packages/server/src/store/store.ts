/**
 * The Store port: everything the HTTP layer needs from persistence. One adapter per file
 * (sqlite.ts, postgres.ts); one conformance suite (test/store.conformance.ts) runs on both.
 * Times are epoch milliseconds everywhere in the port; the HTTP layer formats them.
 */
import type { AnswerValue, Survey, WireEvent } from '@candor/sdk/schema'
import type { SurveyStats, TextAnswer, TimeRange } from './survey-stats.js'

export interface ProjectSettings {
  recontactDays: number
}

export interface Project {
  id: string
  key: string
  name: string
  /** Empty list: any origin may send (stated in docs/SERVER.md). */
  allowedOrigins: string[]
  settings: ProjectSettings
  createdAt: number
}

export interface NewProject {
  name: string
  allowedOrigins?: string[]
  settings?: Partial<ProjectSettings>
}

export interface ProjectPatch {
  name?: string
  allowedOrigins?: string[]
  settings?: Partial<ProjectSettings>
}

export interface StoredSurvey {
  projectId: string
  survey: Survey
  createdAt: number
  updatedAt: number
}

/** A validated event, its time already corrected for client clock skew. */
export interface IngestEvent {
  event: WireEvent
  /** Corrected event time (epoch ms). */
  time: number
  receivedAt: number
}

export interface StoredEvent {
  id: string
  type: WireEvent['type']
  installId: string
  userId: string | null
  surveyId: string | null
  responseId: string | null
  name: string | null
  time: number
  receivedAt: number
  /** The event as received (client time included), for export and audit. */
  data: WireEvent
}

export interface ResponseRecord {
  id: string
  projectId: string
  surveyId: string
  installId: string
  userId: string | null
  answers: Record<string, AnswerValue>
  /** Per answer key: corrected time of the step that set it (later step wins). */
  answerTimes: Record<string, number>
  finished: boolean
  createdAt: number
  updatedAt: number
  finishedAt: number | null
  url: string | null
  locale: string | null
  attributes: Record<string, unknown> | null
}

export interface IngestResult {
  accepted: number
  duplicates: number
  /** Responses that became finished in this call (webhook triggers). */
  finished: ResponseRecord[]
}

export interface IngestOptions {
  /** Queue a `response.finished` delivery (serialize.ts finishedWebhookPayload) for each active
   * webhook and each response that just became finished, in the same transaction. */
  webhooks?: boolean
}

export interface PageOptions {
  /** Opaque cursor from a previous page. */
  cursor?: string | null
  limit?: number
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface ResponseFilter {
  surveyId?: string
  finished?: boolean
  /** Inclusive lower bound on createdAt (epoch ms). */
  from?: number
  /** Exclusive upper bound on createdAt (epoch ms). */
  to?: number
  installId?: string
}

export interface EventFilter {
  type?: WireEvent['type']
  surveyId?: string
  name?: string
  installId?: string
  from?: number
  to?: number
}

export interface DayCount {
  /** UTC day, YYYY-MM-DD. */
  day: string
  count: number
}

export interface Webhook {
  id: string
  projectId: string
  url: string
  secret: string
  active: boolean
  createdAt: number
}

export interface WebhookDelivery {
  id: string
  webhookId: string
  projectId: string
  event: string
  payload: string
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  nextAttemptAt: number
  lastStatus: number | null
  lastError: string | null
  createdAt: number
  updatedAt: number
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  /** Applies pending versioned migrations; safe to call on every start and from replicas. */
  migrate(): Promise<void>
  /** Resolves true when the store can serve queries (readiness). */
  ping(): Promise<boolean>
  close(): Promise<void>

  getSetting(key: string): Promise<string | null>
  setSetting(key: string, value: string): Promise<void>
  /** Sets the value only if unset; returns the value now stored (first writer wins). */
  initSetting(key: string, value: string): Promise<string>

  createProject(input: NewProject): Promise<Project>
  listProjects(page?: PageOptions): Promise<Page<Project>>
  getProject(id: string): Promise<Project | null>
  getProjectByKey(key: string): Promise<Project | null>
  updateProject(id: string, patch: ProjectPatch): Promise<Project | null>
  rotateProjectKey(id: string): Promise<Project | null>
  countProjects(): Promise<number>

  /** Inserts or replaces a survey; `created` tells which. */
  putSurvey(projectId: string, survey: Survey): Promise<{ stored: StoredSurvey; created: boolean }>
  getSurvey(projectId: string, surveyId: string): Promise<StoredSurvey | null>
  listSurveys(projectId: string): Promise<StoredSurvey[]>
  deleteSurvey(projectId: string, surveyId: string): Promise<boolean>

  /** Stores each event id at most once per project and merges response steps. Resolves only
   * once the data is durable. With `webhookPayload`, a `response.finished` delivery for each
   * of the project's webhooks is queued in the same transaction as the response. */
  ingest(projectId: string, events: IngestEvent[], options?: IngestOptions): Promise<IngestResult>
  listResponses(
    projectId: string,
    filter?: ResponseFilter,
    page?: PageOptions,
  ): Promise<Page<ResponseRecord>>
  listEvents(
    projectId: string,
    filter?: EventFilter,
    page?: PageOptions,
  ): Promise<Page<StoredEvent>>
  countEventsByDay(projectId: string, filter: EventFilter): Promise<DayCount[]>
  /** Summary aggregates of one survey's responses created in the range (and its displays and
   * dismissals in it), from counters kept on ingest: cost grows with days, not responses. */
  surveyStats(projectId: string, surveyId: string, range?: TimeRange): Promise<SurveyStats>
  /** Up to 20 latest non-blank text answers per question key, among responses created in the
   * range; `expected` is each key's text answer count in the range (from surveyStats). */
  latestTexts(
    projectId: string,
    surveyId: string,
    expected: Record<string, number>,
    range?: TimeRange,
  ): Promise<Record<string, TextAnswer[]>>
  /** Erases every event and response of one install, and webhook payloads that carry them. */
  forget(
    projectId: string,
    installId: string,
  ): Promise<{ events: number; responses: number; webhookDeliveries: number }>

  createWebhook(projectId: string, url: string, secret: string): Promise<Webhook>
  listWebhooks(projectId: string): Promise<Webhook[]>
  deleteWebhook(projectId: string, id: string): Promise<boolean>
  enqueueDeliveries(
    deliveries: Array<Pick<WebhookDelivery, 'webhookId' | 'projectId' | 'event' | 'payload'>>,
  ): Promise<void>
  /** Claims up to `limit` due deliveries (pending, nextAttemptAt <= now) so that one replica
   * sends each; a claim lasts `leaseMs`. */
  claimDeliveries(now: number, limit: number, leaseMs: number): Promise<WebhookDelivery[]>
  recordDeliveryAttempt(
    id: string,
    outcome: {
      status: WebhookDelivery['status']
      nextAttemptAt: number
      lastStatus: number | null
      lastError: string | null
    },
  ): Promise<void>
  listDeliveries(projectId: string, page?: PageOptions): Promise<Page<WebhookDelivery>>
}
