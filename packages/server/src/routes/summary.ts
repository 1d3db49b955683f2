/** GET /v1/admin/projects/{id}/surveys/{surveyId}/summary?from=&to= */
import { Hono } from 'hono'
import type { AppContext } from '../app.js'
import { notFound } from '../http/errors.js'
import { timeParam } from '../http/query.js'
import { loadSurveySummary } from '../summary.js'
import { projectParam } from './admin-helpers.js'

export function summaryRoutes(ctx: AppContext): Hono {
  const app = new Hono()
  app.get('/projects/:id/surveys/:surveyId/summary', async (c) => {
    const project = await projectParam(ctx, c)
    const stored = await ctx.store.getSurvey(project.id, c.req.param('surveyId'))
    if (!stored) throw notFound('survey')
    const range = { from: timeParam(c, 'from'), to: timeParam(c, 'to') }
    return c.json(await loadSurveySummary(ctx.store, project.id, stored.survey, range))
  })
  return app
}
