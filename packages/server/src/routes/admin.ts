/** Admin JSON API under /v1/admin, behind `Authorization: Bearer <admin token>`. */
import { Slug, Survey } from '@candor/sdk/schema'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../app.js'
import { bearerToken, tokenMatches } from '../http/auth.js'
import { readJsonBody } from '../http/body.js'
import { ApiError, badRequest, describeZodError, notFound } from '../http/errors.js'
import { canonicalOrigin } from '../http/origin.js'
import { boolParam, pageParams, stringParam, timeParam } from '../http/query.js'
import { eventJson, projectJson, responseJson, surveyJson } from '../serialize.js'
import { parseBody, projectParam } from './admin-helpers.js'
import { exportRoutes } from './export.js'
import { summaryRoutes } from './summary.js'
import { webhookRoutes } from './webhooks.js'

const Origin = z.string().transform((v, ctx) => {
  const o = canonicalOrigin(v)
  if (!o) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not an origin like https://example.com` })
    return z.NEVER
  }
  return o
})
const Origins = z.array(Origin).max(100)
const Name = z.string().trim().min(1).max(200)

// Not ProjectSettings.partial(): its default would reset an omitted field to 0 on PATCH.
const SettingsPatch = z.object({ recontactDays: z.number().min(0).max(365).optional() })

const CreateProject = z.object({
  name: Name,
  allowedOrigins: Origins.default([]),
  settings: SettingsPatch.optional(),
})
const UpdateProject = z.object({
  name: Name.optional(),
  allowedOrigins: Origins.optional(),
  settings: SettingsPatch.optional(),
})

const EVENT_TYPES = /^(track|feedback|display|dismiss|response)$/
const SLUG = /^[A-Za-z0-9_-]{1,64}$/

export function adminRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.use('*', async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (!token || !tokenMatches(token, ctx.tokenHash)) {
      throw new ApiError(
        401,
        'unauthorized',
        token ? 'admin token is not valid' : 'send Authorization: Bearer <admin token>',
        { 'WWW-Authenticate': 'Bearer realm="candor-admin"' },
      )
    }
    c.header('Cache-Control', 'no-store')
    await next()
  })

  // -- projects -----------------------------------------------------------------------------

  app.post('/projects', async (c) => {
    const input = await parseBody(ctx, c, CreateProject)
    const project = await ctx.store.createProject(input)
    return c.json(projectJson(project), 201)
  })

  app.get('/projects', async (c) => {
    const page = await ctx.store.listProjects(pageParams(c))
    return c.json({ items: page.items.map(projectJson), nextCursor: page.nextCursor })
  })

  app.get('/projects/:id', async (c) => c.json(projectJson(await projectParam(ctx, c))))

  app.patch('/projects/:id', async (c) => {
    const project = await projectParam(ctx, c)
    const patch = await parseBody(ctx, c, UpdateProject)
    const updated = await ctx.store.updateProject(project.id, patch)
    if (!updated) throw notFound('project')
    return c.json(projectJson(updated))
  })

  app.post('/projects/:id/rotate-key', async (c) => {
    const project = await projectParam(ctx, c)
    const updated = await ctx.store.rotateProjectKey(project.id)
    if (!updated) throw notFound('project')
    ctx.logger.info({ projectId: project.id }, 'project key rotated')
    return c.json(projectJson(updated))
  })

  // -- surveys ------------------------------------------------------------------------------

  app.get('/projects/:id/surveys', async (c) => {
    const project = await projectParam(ctx, c)
    const surveys = await ctx.store.listSurveys(project.id)
    return c.json({ items: surveys.map(surveyJson), nextCursor: null })
  })

  app.post('/projects/:id/surveys', async (c) => {
    const project = await projectParam(ctx, c)
    const survey = await parseBody(ctx, c, Survey, 'invalid_survey')
    if (await ctx.store.getSurvey(project.id, survey.id))
      throw new ApiError(409, 'conflict', `survey "${survey.id}" exists; PUT it to replace it`)
    const { stored } = await ctx.store.putSurvey(project.id, survey)
    return c.json(surveyJson(stored), 201)
  })

  app.get('/projects/:id/surveys/:surveyId', async (c) => {
    const project = await projectParam(ctx, c)
    const stored = await ctx.store.getSurvey(project.id, c.req.param('surveyId'))
    if (!stored) throw notFound('survey')
    return c.json(surveyJson(stored))
  })

  /** Replace (or create) a survey: the whole definition, validated. */
  app.put('/projects/:id/surveys/:surveyId', async (c) => {
    const project = await projectParam(ctx, c)
    const surveyId = c.req.param('surveyId')
    if (!Slug.safeParse(surveyId).success) throw badRequest('invalid_survey', 'id: bad survey id')
    const body = await readJsonBody(c, ctx.maxBodyBytes)
    const withId =
      body && typeof body === 'object' && !Array.isArray(body)
        ? { id: surveyId, ...(body as object) }
        : body
    const parsed = Survey.safeParse(withId)
    if (!parsed.success) throw badRequest('invalid_survey', describeZodError(parsed.error))
    if (parsed.data.id !== surveyId)
      throw badRequest(
        'invalid_survey',
        `id: "${parsed.data.id}" differs from the URL's "${surveyId}"`,
      )
    const { stored, created } = await ctx.store.putSurvey(project.id, parsed.data)
    return c.json(surveyJson(stored), created ? 201 : 200)
  })

  /** Partial update (e.g. `{ "status": "paused" }`), validated as a whole after merging. */
  app.patch('/projects/:id/surveys/:surveyId', async (c) => {
    const project = await projectParam(ctx, c)
    const current = await ctx.store.getSurvey(project.id, c.req.param('surveyId'))
    if (!current) throw notFound('survey')
    const body = await readJsonBody(c, ctx.maxBodyBytes)
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('invalid_survey', 'expected a JSON object')
    const parsed = Survey.safeParse({
      ...current.survey,
      ...(body as object),
      id: current.survey.id,
    })
    if (!parsed.success) throw badRequest('invalid_survey', describeZodError(parsed.error))
    const { stored } = await ctx.store.putSurvey(project.id, parsed.data)
    return c.json(surveyJson(stored))
  })

  app.delete('/projects/:id/surveys/:surveyId', async (c) => {
    const project = await projectParam(ctx, c)
    if (!(await ctx.store.deleteSurvey(project.id, c.req.param('surveyId'))))
      throw notFound('survey')
    return c.body(null, 204)
  })

  // -- responses and events -----------------------------------------------------------------

  app.get('/projects/:id/responses', async (c) => {
    const project = await projectParam(ctx, c)
    const page = await ctx.store.listResponses(
      project.id,
      {
        surveyId: stringParam(c, 'surveyId', SLUG),
        finished: boolParam(c, 'finished'),
        from: timeParam(c, 'from'),
        to: timeParam(c, 'to'),
        installId: stringParam(c, 'installId', /^[A-Za-z0-9_-]{1,64}$/),
      },
      pageParams(c),
    )
    return c.json({ items: page.items.map(responseJson), nextCursor: page.nextCursor })
  })

  app.get('/projects/:id/events', async (c) => {
    const project = await projectParam(ctx, c)
    const type = stringParam(c, 'type', EVENT_TYPES) as
      | 'track'
      | 'feedback'
      | 'display'
      | 'dismiss'
      | 'response'
      | undefined
    const page = await ctx.store.listEvents(
      project.id,
      {
        type,
        surveyId: stringParam(c, 'surveyId', SLUG),
        name: stringParam(c, 'name', /^.{1,200}$/s),
        installId: stringParam(c, 'installId', /^[A-Za-z0-9_-]{1,64}$/),
        from: timeParam(c, 'from'),
        to: timeParam(c, 'to'),
      },
      pageParams(c),
    )
    return c.json({ items: page.items.map(eventJson), nextCursor: page.nextCursor })
  })

  app.route('/', summaryRoutes(ctx))
  app.route('/', exportRoutes(ctx))
  app.route('/', webhookRoutes(ctx))
  return app
}
