/** GET /v1/admin/projects/{id}/surveys/{surveyId}/summary?from=&to= */
import { Hono } from 'hono'
import type { AppContext } from '../app.js'
import { notFound } from '../http/errors.js'
import { timeParam } from '../http/query.js'
import { allResponses } from '../store/scan.js'
import { summarizeSurvey } from '../summary.js'
import { projectParam } from './admin-helpers.js'

export function summaryRoutes(ctx: AppContext): Hono {
  const app = new Hono()
  app.get('/projects/:id/surveys/:surveyId/summary', async (c) => {
    const project = await projectParam(ctx, c)
    const stored = await ctx.store.getSurvey(project.id, c.req.param('surveyId'))
    if (!stored) throw notFound('survey')
    const range = { from: timeParam(c, 'from'), to: timeParam(c, 'to') }
    const surveyId = stored.survey.id
    const [responses, displays, dismissals] = await Promise.all([
      allResponses(ctx.store, project.id, { surveyId, ...range }),
      ctx.store.countEventsByDay(project.id, { type: 'display', surveyId, ...range }),
      ctx.store.countEventsByDay(project.id, { type: 'dismiss', surveyId, ...range }),
    ])
    return c.json(
      summarizeSurvey(
        stored.survey,
        responses,
        displays,
        dismissals.reduce((s, d) => s + d.count, 0),
      ),
    )
  })
  return app
}
