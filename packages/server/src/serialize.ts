/** API shapes: the port's records with times as ISO strings and internal fields dropped. */
import type {
  Project,
  ResponseRecord,
  StoredEvent,
  StoredSurvey,
  Webhook,
  WebhookDelivery,
} from './store/store.js'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

export const projectJson = (p: Project) => ({
  id: p.id,
  key: p.key,
  name: p.name,
  allowedOrigins: p.allowedOrigins,
  settings: p.settings,
  createdAt: iso(p.createdAt),
})

export const surveyJson = (s: StoredSurvey) => ({
  ...s.survey,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
})

export const responseJson = (r: ResponseRecord) => ({
  id: r.id,
  surveyId: r.surveyId,
  installId: r.installId,
  userId: r.userId,
  answers: r.answers,
  finished: r.finished,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  finishedAt: isoOrNull(r.finishedAt),
  url: r.url,
  locale: r.locale,
  attributes: r.attributes,
})

/** A `response.finished` delivery for each webhook and each response that just finished
 * (queued by the stores in the ingest transaction). */
export const finishedDeliveries = (
  projectId: string,
  webhookIds: string[],
  finished: ResponseRecord[],
): Array<Pick<WebhookDelivery, 'webhookId' | 'projectId' | 'event' | 'payload'>> =>
  webhookIds.flatMap((webhookId) =>
    finished.map((r) => ({
      webhookId,
      projectId,
      event: 'response.finished',
      payload: JSON.stringify({ event: 'response.finished', projectId, response: responseJson(r) }),
    })),
  )

export const eventJson = (e: StoredEvent) => ({
  id: e.id,
  type: e.type,
  installId: e.installId,
  userId: e.userId,
  surveyId: e.surveyId,
  responseId: e.responseId,
  name: e.name,
  time: iso(e.time),
  receivedAt: iso(e.receivedAt),
  data: e.data,
})

/** The secret is shown once, at creation; lists never repeat it. */
export const webhookJson = (w: Webhook, withSecret = false) => ({
  id: w.id,
  url: w.url,
  active: w.active,
  createdAt: iso(w.createdAt),
  ...(withSecret ? { secret: w.secret } : {}),
})

export const deliveryJson = (d: WebhookDelivery) => ({
  id: d.id,
  webhookId: d.webhookId,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
})
