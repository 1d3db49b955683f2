/** Row ↔ record mapping shared by both SQL adapters (their column names are the same). */
import type { Survey, WireEvent } from '@candor/sdk/schema'
import type {
  Project,
  ResponseRecord,
  StoredEvent,
  StoredSurvey,
  Webhook,
  WebhookDelivery,
} from './store.js'
import type { CountedResponse } from './survey-stats.js'

// pg returns BIGINT as string and JSONB as objects; SQLite returns numbers and TEXT.
type Num = number | string | bigint
const num = (v: Num): number => Number(v)
const numOrNull = (v: Num | null): number | null => (v === null ? null : Number(v))
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T))

export interface ProjectRow {
  id: string
  key: string
  name: string
  allowed_origins: unknown
  settings: unknown
  created_at: Num
}

export const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  key: r.key,
  name: r.name,
  allowedOrigins: json<string[]>(r.allowed_origins),
  settings: { recontactDays: 0, ...json<Partial<Project['settings']>>(r.settings) },
  createdAt: num(r.created_at),
})

export interface SurveyRow {
  project_id: string
  definition: unknown
  created_at: Num
  updated_at: Num
}

export const toSurvey = (r: SurveyRow): StoredSurvey => ({
  projectId: r.project_id,
  survey: json<Survey>(r.definition),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
})

export interface ResponseRow {
  seq: Num
  project_id: string
  response_id: string
  survey_id: string
  install_id: string
  user_id: string | null
  answers: unknown
  answer_times: unknown
  finished: number | boolean
  created_at: Num
  updated_at: Num
  finished_at: Num | null
  url: string | null
  locale: string | null
  attributes: unknown
}

export const toResponse = (r: ResponseRow): ResponseRecord => ({
  id: r.response_id,
  projectId: r.project_id,
  surveyId: r.survey_id,
  installId: r.install_id,
  userId: r.user_id,
  answers: json(r.answers),
  answerTimes: json(r.answer_times),
  finished: Boolean(r.finished),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  finishedAt: numOrNull(r.finished_at),
  url: r.url,
  locale: r.locale,
  attributes: r.attributes === null ? null : json(r.attributes),
})

/** What the survey counters read of a response (survey-stats.ts responseContributions): a
 * summary over partial days selects only these columns. */
export const COUNTED_COLUMNS = 'answers, finished, created_at, updated_at, finished_at'

export const toCounted = (
  r: Pick<ResponseRow, 'answers' | 'finished' | 'created_at' | 'updated_at' | 'finished_at'>,
): CountedResponse => ({
  answers: json(r.answers),
  finished: Boolean(r.finished),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  finishedAt: numOrNull(r.finished_at),
})

export interface EventRow {
  seq: Num
  event_id: string
  type: string
  install_id: string
  user_id: string | null
  survey_id: string | null
  response_id: string | null
  name: string | null
  time: Num
  received_at: Num
  data: unknown
}

export const toEvent = (r: EventRow): StoredEvent => ({
  id: r.event_id,
  type: r.type as WireEvent['type'],
  installId: r.install_id,
  userId: r.user_id,
  surveyId: r.survey_id,
  responseId: r.response_id,
  name: r.name,
  time: num(r.time),
  receivedAt: num(r.received_at),
  data: json(r.data),
})

export interface WebhookRow {
  id: string
  project_id: string
  url: string
  secret: string
  active: number | boolean
  created_at: Num
}

export const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  projectId: r.project_id,
  url: r.url,
  secret: r.secret,
  active: Boolean(r.active),
  createdAt: num(r.created_at),
})

export interface DeliveryRow {
  seq: Num
  id: string
  webhook_id: string
  project_id: string
  event: string
  payload: string
  status: string
  attempts: Num
  next_attempt_at: Num
  last_status: Num | null
  last_error: string | null
  created_at: Num
  updated_at: Num
}

export const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  projectId: r.project_id,
  event: r.event,
  payload: r.payload,
  status: r.status as WebhookDelivery['status'],
  attempts: num(r.attempts),
  nextAttemptAt: num(r.next_attempt_at),
  lastStatus: numOrNull(r.last_status),
  lastError: r.last_error,
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
})

/** Column values of a response record, in the order both adapters' upserts use. */
export const responseValues = (r: ResponseRecord) => ({
  project_id: r.projectId,
  response_id: r.id,
  survey_id: r.surveyId,
  install_id: r.installId,
  user_id: r.userId,
  answers: JSON.stringify(r.answers),
  answer_times: JSON.stringify(r.answerTimes),
  finished: r.finished,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  finished_at: r.finishedAt,
  url: r.url,
  locale: r.locale,
  attributes: r.attributes === null ? null : JSON.stringify(r.attributes),
})

/** The columns stored for one event besides its JSON body. */
/** An event's `events` row after project_id, in the column order of the INSERT: flat
 * primitives (cheap to pass to the SQLite writer thread). */
export type EventRowValues = [
  id: string,
  type: string,
  installId: string,
  userId: string | null,
  surveyId: string | null,
  responseId: string | null,
  name: string | null,
  time: number,
  receivedAt: number,
  data: string,
]

export function eventRowValues(e: WireEvent, time: number, receivedAt: number): EventRowValues {
  const c = eventColumns(e)
  return [
    e.id,
    c.type,
    c.install_id,
    c.user_id,
    c.survey_id,
    c.response_id,
    c.name,
    time,
    receivedAt,
    JSON.stringify(e),
  ]
}

export function eventColumns(e: WireEvent) {
  return {
    type: e.type,
    install_id: e.installId,
    user_id: e.userId ?? null,
    survey_id: 'surveyId' in e ? e.surveyId : null,
    response_id: 'responseId' in e ? (e.responseId ?? null) : null,
    name: e.type === 'track' ? e.name : e.type === 'feedback' ? (e.category ?? null) : null,
  }
}
