/** Public, browser-facing routes under /v1/p/{projectKey}: config, events, forget. */

import { createHash } from 'node:crypto'
import {
  type ConfigResponse,
  EventsEnvelope,
  ForgetRequest,
  type Survey,
  WireEvent,
} from '@candor/sdk/schema'
import { type Context, Hono } from 'hono'
import type { AppContext } from '../app.js'
import { parseJsonBody, readJsonBody, readTextBody } from '../http/body.js'
import { clientAddress } from '../http/client.js'
import { ApiError, badRequest, describeZodError } from '../http/errors.js'
import { originAllowed } from '../http/origin.js'
import { mayHoldUnstorable, unstorableString } from '../ingest/storable.js'
import { correctTime } from '../ingest/time.js'
import type { IngestEvent, Project } from '../store/store.js'

const KEY = /^[A-Za-z0-9_-]{1,100}$/

export function isSurveyLive(s: Survey, now: number): boolean {
  if (s.status !== 'active') return false
  if (s.startAt && Date.parse(s.startAt) > now) return false
  if (s.endAt && Date.parse(s.endAt) <= now) return false
  return true
}

export function publicRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  // CORS on every answer, errors included, so browsers can read 403/413/429 and stop retrying.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin')
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin ?? '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '86400',
        Vary: 'Origin',
      })
    }
    await next()
    c.header('Access-Control-Allow-Origin', origin ?? '*')
    c.header('Access-Control-Expose-Headers', 'ETag, Retry-After')
    c.header('Vary', 'Origin')
  })

  /** Rate limit, then key lookup, then origin: the cheap checks first. */
  async function projectFor(c: Context): Promise<Project> {
    const key = c.req.param('key') ?? ''
    if (ctx.limiter) {
      const wait = ctx.limiter.take(key, clientAddress(c, ctx.trustProxy), ctx.now())
      if (wait > 0) {
        ctx.metrics.rejected.inc({ code: 'rate_limited' })
        throw new ApiError(429, 'rate_limited', `too many requests, retry in ${wait} s`, {
          'Retry-After': String(wait),
        })
      }
    }
    const project = KEY.test(key) ? await ctx.store.getProjectByKey(key) : null
    if (!project) throw new ApiError(404, 'unknown_project', 'no project has this key')
    if (!originAllowed(project.allowedOrigins, c.req.header('origin'))) {
      ctx.metrics.rejected.inc({ code: 'origin_not_allowed' })
      throw new ApiError(403, 'origin_not_allowed', 'this origin may not send to this project')
    }
    return project
  }

  app.get('/:key/config', async (c) => {
    const project = await projectFor(c)
    const now = ctx.now()
    const stored = await ctx.store.listSurveys(project.id)
    const body: ConfigResponse = {
      surveys: stored.map((s) => s.survey).filter((s) => isSurveyLive(s, now)),
      settings: { recontactDays: project.settings.recontactDays },
    }
    const json = JSON.stringify(body)
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`
    c.header('ETag', etag)
    c.header('Cache-Control', `public, max-age=${ctx.configMaxAge}`)
    const ifNoneMatch = c.req.header('if-none-match')
    if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304)
    }
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })

  app.post('/:key/events', async (c) => {
    const project = await projectFor(c)
    const text = await readTextBody(c, ctx.maxBodyBytes)
    const envelope = EventsEnvelope.safeParse(parseJsonBody(text))
    // Most bodies hold no NUL or surrogate at all: one scan of the text then stands in for
    // walking every event.
    const checkStorable = mayHoldUnstorable(text)
    if (!envelope.success) {
      ctx.metrics.rejected.inc({ code: 'invalid_envelope' })
      throw badRequest('invalid_envelope', describeZodError(envelope.error))
    }
    const { sentAt, events, dropped } = envelope.data
    const receivedAt = ctx.now()
    const valid: IngestEvent[] = []
    const rejected: Array<{ index: number; code: string; message: string }> = []
    events.forEach((item, index) => {
      const parsed = WireEvent.safeParse(item)
      if (!parsed.success) {
        rejected.push({ index, code: 'invalid_event', message: describeZodError(parsed.error) })
        return
      }
      const unstorable = checkStorable ? unstorableString(parsed.data) : null
      if (unstorable) {
        rejected.push({ index, code: 'invalid_event', message: unstorable })
        return
      }
      valid.push({
        event: parsed.data,
        time: correctTime(parsed.data.time, sentAt, receivedAt),
        receivedAt,
      })
    })
    for (const [reason, n] of Object.entries(dropped ?? {})) {
      if (n) ctx.metrics.clientDropped.inc({ reason }, n)
    }
    if (rejected.length) ctx.metrics.rejected.inc({ code: 'invalid_event' }, rejected.length)
    const result =
      valid.length > 0
        ? await ctx.store.ingest(project.id, valid, { webhooks: true })
        : { accepted: 0, duplicates: 0, finished: [] }
    ctx.metrics.ingested.inc(result.accepted)
    ctx.metrics.duplicates.inc(result.duplicates)
    return c.json({ accepted: result.accepted, duplicates: result.duplicates, rejected })
  })

  app.post('/:key/forget', async (c) => {
    const project = await projectFor(c)
    const parsed = ForgetRequest.safeParse(await readJsonBody(c, ctx.maxBodyBytes))
    if (!parsed.success) throw badRequest('invalid_request', describeZodError(parsed.error))
    const erased = await ctx.store.forget(project.id, parsed.data.installId)
    ctx.logger.info({ projectId: project.id, ...erased }, 'install forgotten')
    return c.json({ erased })
  })

  return app
}
