/** Liveness, readiness and Prometheus metrics. */
import { Hono } from 'hono'
import type { AppContext } from '../app.js'
import { openApiDocument, surveyJsonSchema } from '../openapi.js'

export function healthRoutes(ctx: AppContext): Hono {
  const app = new Hono()
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/readyz', async (c) => {
    const ok = await ctx.store.ping().catch(() => false)
    return c.json({ ok, store: ctx.store.kind }, ok ? 200 : 503)
  })
  app.get('/metrics', async (c) =>
    c.body(await ctx.metrics.registry.metrics(), 200, {
      'Content-Type': ctx.metrics.registry.contentType,
    }),
  )
  app.get('/openapi.json', (c) => c.json(openApiDocument()))
  app.get('/schema/survey.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*')
    return c.json(surveyJsonSchema())
  })
  return app
}
