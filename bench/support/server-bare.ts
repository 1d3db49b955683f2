/**
 * The floor for the HTTP layer: hono on @hono/node-server (what the Candor server runs on),
 * a route of the same shape that reads the JSON body as the server does and discards it.
 * Run as a child process by server.ts: `node --import tsx bench/support/server-bare.ts <port>`.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { readJsonBody } from '../../packages/server/src/http/body'

const app = new Hono()
app.get('/healthz', (c) => c.json({ ok: true }))
app.post('/v1/p/:key/events', async (c) => {
  // The server's own body reader, so the floor differs from Candor only by what it skips.
  const body = (await readJsonBody(c, 1024 * 1024)) as { events?: unknown[] }
  return c.json({ accepted: body.events?.length ?? 0, duplicates: 0, rejected: [] })
})
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' })
