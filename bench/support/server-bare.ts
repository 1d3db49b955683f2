/**
 * The floor for the HTTP layer: hono on @hono/node-server (what the Candor server runs on),
 * a route of the same shape that parses the JSON body and discards it. Run as a child process
 * by server.ts: `node --import tsx bench/support/server-bare.ts <port>`.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/healthz', (c) => c.json({ ok: true }))
app.post('/v1/p/:key/events', async (c) => {
  const body = (await c.req.json()) as { events?: unknown[] }
  return c.json({ accepted: body.events?.length ?? 0, duplicates: 0, rejected: [] })
})
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' })
