import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { startWebhookWorker } from '../src/webhooks/worker.js'
import { responseEvent, testApp } from './support/app.js'

interface Received {
  headers: IncomingMessage['headers']
  body: string
}

/** A real HTTP receiver that fails the first `failures` requests with a 500. */
async function receiver(failures: number) {
  const received: Received[] = []
  let calls = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => {
      body += d
    })
    req.on('end', () => {
      calls++
      received.push({ headers: req.headers, body })
      res.statusCode = calls <= failures ? 500 : 204
      res.end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { url, received, close: () => new Promise((r) => server.close(r)) }
}

const cleanups: Array<() => unknown> = []
/** Runs on whatever store support/app.ts is set to make (SQLite by default). */
export function webhooksSuite() {
  afterEach(async () => {
    for (const f of cleanups.splice(0)) await f()
  })

  describe('webhooks', () => {
    it('sends a signed response.finished, retries after a failure, and logs each delivery', async () => {
      const t = await testApp()
      const rx = await receiver(1)
      cleanups.push(rx.close)
      const created = await t.admin(`/projects/${t.demoId}/webhooks`, {
        method: 'POST',
        json: { url: rx.url },
      })
      expect(created.status).toBe(201)
      const hook = await created.json()
      expect(hook.secret).toMatch(/^whsec_\w{32}$/)
      const listed = (await (await t.admin(`/projects/${t.demoId}/webhooks`)).json()).items
      expect(listed).toEqual([
        { id: hook.id, url: rx.url, active: true, createdAt: hook.createdAt },
      ])

      // Two steps of one response: only the finishing step fires, and only once.
      await t.send(t.demoKey, { sentAt: Date.now(), events: [responseEvent({ finished: false })] })
      await t.send(t.demoKey, {
        sentAt: Date.now(),
        events: [responseEvent({ answers: { why: 'ok' }, finished: true })],
      })
      await t.send(t.demoKey, {
        sentAt: Date.now(),
        events: [responseEvent({ answers: { why: 'edit' }, finished: true })],
      })

      const worker = startWebhookWorker({
        store: t.store,
        logger: pino({ level: 'silent' }),
        intervalMs: 60_000,
        backoffMs: 1,
      })
      cleanups.push(() => worker.stop())
      expect(await worker.tick()).toBe(1)
      let log = (await (await t.admin(`/projects/${t.demoId}/webhooks/deliveries`)).json()).items
      expect(log).toHaveLength(1)
      expect(log[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastStatus: 500,
        lastError: 'HTTP 500',
      })

      await new Promise((r) => setTimeout(r, 5))
      expect(await worker.tick()).toBe(1)
      log = (await (await t.admin(`/projects/${t.demoId}/webhooks/deliveries`)).json()).items
      expect(log[0]).toMatchObject({
        status: 'succeeded',
        attempts: 2,
        lastStatus: 204,
        lastError: null,
      })

      expect(rx.received).toHaveLength(2)
      const { headers, body } = rx.received[1]!
      expect(headers['candor-event']).toBe('response.finished')
      const m = /^t=(\d+),v1=([a-f0-9]{64})$/.exec(String(headers['candor-signature']))!
      expect(m).not.toBeNull()
      const expected = createHmac('sha256', hook.secret).update(`${m[1]}.${body}`).digest('hex')
      expect(m[2]).toBe(expected)
      const payload = JSON.parse(body)
      expect(payload).toMatchObject({
        event: 'response.finished',
        projectId: t.demoId,
        response: { id: 'resp-0001', finished: true, answers: { score: 9, why: 'ok' } },
      })
    })

    it('marks a delivery failed after maxAttempts', async () => {
      const t = await testApp()
      const rx = await receiver(100)
      cleanups.push(rx.close)
      await t.admin(`/projects/${t.demoId}/webhooks`, { method: 'POST', json: { url: rx.url } })
      await t.send(t.demoKey, { sentAt: Date.now(), events: [responseEvent({ finished: true })] })
      const worker = startWebhookWorker({
        store: t.store,
        logger: pino({ level: 'silent' }),
        intervalMs: 60_000,
        backoffMs: 1,
        maxAttempts: 3,
      })
      cleanups.push(() => worker.stop())
      for (let i = 0; i < 3; i++) {
        await worker.tick()
        await new Promise((r) => setTimeout(r, 10))
      }
      expect(await worker.tick()).toBe(0)
      const [d] = (await (await t.admin(`/projects/${t.demoId}/webhooks/deliveries`)).json()).items
      expect(d).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null })
    })

    it('validates URLs and deletes webhooks', async () => {
      const t = await testApp()
      const bad = await t.admin(`/projects/${t.demoId}/webhooks`, {
        method: 'POST',
        json: { url: 'ftp://x' },
      })
      expect(bad.status).toBe(400)
      expect((await bad.json()).error.message).toBe('url: expected an http(s) URL')
      const hook = await (
        await t.admin(`/projects/${t.demoId}/webhooks`, {
          method: 'POST',
          json: { url: 'https://h.example/x' },
        })
      ).json()
      expect(
        (await t.admin(`/projects/${t.demoId}/webhooks/${hook.id}`, { method: 'DELETE' })).status,
      ).toBe(204)
      expect(
        (await t.admin(`/projects/${t.demoId}/webhooks/${hook.id}`, { method: 'DELETE' })).status,
      ).toBe(404)
    })
  })
}
