/**
 * /dashboard: server-rendered HTML behind an admin-token login. The token is posted once in
 * a form body (never in a URL); the session is a signed HttpOnly SameSite=Strict cookie.
 * No script at all, so the CSP is script-src 'none'.
 */
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppContext } from '../app.js'
import { DASHBOARD_CSS } from '../dashboard/css.js'
import { loginPage, projectPage, projectsPage, surveyPage } from '../dashboard/views.js'
import { exportChunks } from '../export.js'
import { sessionValid, signSession, tokenMatches } from '../http/auth.js'
import { readTextBody } from '../http/body.js'
import { clientAddress } from '../http/client.js'
import { ApiError } from '../http/errors.js'
import { sendHtml } from '../http/html.js'
import { streamText } from '../http/stream.js'
import { loadSurveySummary } from '../summary.js'

const COOKIE = 'candor_session'
const SESSION_MS = 12 * 60 * 60 * 1000
const html = (c: Context, body: string, status: 200 | 401 | 404 = 200) =>
  sendHtml(c, body, { status, scriptSrc: [] })

export function dashboardRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  const secure = (c: Context) =>
    new URL(c.req.url).protocol === 'https:' ||
    (ctx.trustProxy && c.req.header('x-forwarded-proto') === 'https')

  /** Cross-site form posts are refused even before SameSite does its part. */
  const sameOrigin = (c: Context) => {
    const origin = c.req.header('origin')
    if (!origin || origin === 'null') return origin === undefined
    const host = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? new URL(c.req.url).host
    try {
      return new URL(origin).host === host
    } catch {
      return false
    }
  }

  app.get('/dashboard/assets/dashboard.css', (c) =>
    c.body(DASHBOARD_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  )

  app.post('/dashboard/login', async (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, 'cross_origin', 'cross-origin login refused')
    if (ctx.limiter) {
      const wait = ctx.limiter.take('dashboard-login', clientAddress(c, ctx.trustProxy), ctx.now())
      if (wait > 0)
        throw new ApiError(429, 'rate_limited', 'too many attempts', {
          'Retry-After': String(wait),
        })
    }
    const form = new URLSearchParams(await readTextBody(c, 8 * 1024))
    const token = form.get('token') ?? ''
    if (!token || !tokenMatches(token, ctx.tokenHash))
      return html(c, loginPage('That token is not valid.'), 401)
    const expires = ctx.now() + SESSION_MS
    setCookie(c, COOKIE, signSession(ctx.tokenHash, expires), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      path: '/dashboard',
      maxAge: SESSION_MS / 1000,
    })
    return c.redirect('/dashboard', 303)
  })

  app.post('/dashboard/logout', (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, 'cross_origin', 'cross-origin request refused')
    deleteCookie(c, COOKIE, { path: '/dashboard' })
    return c.redirect('/dashboard', 303)
  })

  // Every other dashboard page needs a session; without one, the login form.
  app.use('/dashboard', async (c, next) => {
    if (!sessionValid(ctx.tokenHash, getCookie(c, COOKIE), ctx.now())) return html(c, loginPage())
    await next()
  })
  app.use('/dashboard/p/*', async (c, next) => {
    if (!sessionValid(ctx.tokenHash, getCookie(c, COOKIE), ctx.now()))
      return html(c, loginPage(), 401)
    await next()
  })

  app.get('/dashboard', async (c) => {
    const page = await ctx.store.listProjects({ limit: 500 })
    return html(c, projectsPage(page.items))
  })

  app.get('/dashboard/p/:id', async (c) => {
    const project = await ctx.store.getProject(c.req.param('id'))
    if (!project) return html(c, projectsPage([]), 404)
    const [surveys, feedback] = await Promise.all([
      ctx.store.listSurveys(project.id),
      ctx.store.listEvents(project.id, { type: 'feedback' }, { limit: 20 }),
    ])
    return html(c, projectPage(project, surveys, feedback.items))
  })

  app.get('/dashboard/p/:id/s/:surveyId', async (c) => {
    const project = await ctx.store.getProject(c.req.param('id'))
    const stored = project ? await ctx.store.getSurvey(project.id, c.req.param('surveyId')) : null
    if (!project || !stored) return html(c, projectsPage([]), 404)
    const summary = await loadSurveySummary(ctx.store, project.id, stored.survey)
    return html(c, surveyPage(project, stored, summary))
  })

  /** CSV download for the signed-in dashboard (the admin API wants a bearer token instead). */
  app.get('/dashboard/p/:id/s/:surveyId/responses.csv', async (c) => {
    const project = await ctx.store.getProject(c.req.param('id'))
    const stored = project ? await ctx.store.getSurvey(project.id, c.req.param('surveyId')) : null
    if (!project || !stored) throw new ApiError(404, 'not_found', 'survey not found')
    const chunks = exportChunks({
      store: ctx.store,
      projectId: project.id,
      format: 'csv',
      kind: 'responses',
      responseFilter: { surveyId: stored.survey.id },
    })
    return c.body(streamText(chunks), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="candor-${stored.survey.id}-responses.csv"`,
      'Cache-Control': 'no-store',
    })
  })

  return app
}
