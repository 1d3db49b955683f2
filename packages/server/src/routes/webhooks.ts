/** Webhooks per project (fired on response finished) and their delivery log. */
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppContext } from '../app.js'
import { notFound } from '../http/errors.js'
import { pageParams } from '../http/query.js'
import { randomToken } from '../ids.js'
import { deliveryJson, webhookJson } from '../serialize.js'
import { parseBody, projectParam } from './admin-helpers.js'

const CreateWebhook = z.object({
  url: z
    .string()
    .max(2048)
    .refine((v) => {
      try {
        const u = new URL(v)
        return u.protocol === 'https:' || u.protocol === 'http:'
      } catch {
        return false
      }
    }, 'expected an http(s) URL'),
})

export function webhookRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.post('/projects/:id/webhooks', async (c) => {
    const project = await projectParam(ctx, c)
    const { url } = await parseBody(ctx, c, CreateWebhook)
    const hook = await ctx.store.createWebhook(project.id, url, `whsec_${randomToken(32)}`)
    return c.json(webhookJson(hook, true), 201)
  })

  app.get('/projects/:id/webhooks', async (c) => {
    const project = await projectParam(ctx, c)
    const hooks = await ctx.store.listWebhooks(project.id)
    return c.json({ items: hooks.map((h) => webhookJson(h)), nextCursor: null })
  })

  app.get('/projects/:id/webhooks/deliveries', async (c) => {
    const project = await projectParam(ctx, c)
    const page = await ctx.store.listDeliveries(project.id, pageParams(c))
    return c.json({ items: page.items.map(deliveryJson), nextCursor: page.nextCursor })
  })

  app.delete('/projects/:id/webhooks/:webhookId', async (c) => {
    const project = await projectParam(ctx, c)
    if (!(await ctx.store.deleteWebhook(project.id, c.req.param('webhookId'))))
      throw notFound('webhook')
    return c.body(null, 204)
  })

  return app
}
