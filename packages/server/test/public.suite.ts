import { ConfigResponse, ErrorBody, EventsResult } from '@candor/sdk/schema'
import { describe, expect, it } from 'vitest'
import { envelope, INSTALL, responseEvent, testApp, trackEvent } from './support/app.js'

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  const body = ErrorBody.parse(await res.json())
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body
}

/** Runs on whatever store support/app.ts is set to make (SQLite by default). */
export function publicSuite() {
  describe('GET /v1/p/{key}/config', () => {
    it('answers the active surveys and settings with an ETag and a short cache', async () => {
      const t = await testApp()
      const res = await t.fetch(`/v1/p/${t.demoKey}/config`)
      expect(res.status).toBe(200)
      const body = ConfigResponse.parse(await res.json())
      expect(body.surveys.map((s) => s.id)).toEqual(['nps-demo'])
      expect(body.settings).toEqual({ recontactDays: 0 })
      expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/)
      expect(res.headers.get('cache-control')).toBe('public, max-age=30')
    })

    it('answers 304 to a matching If-None-Match and 200 once the config changes', async () => {
      const t = await testApp()
      const first = await t.fetch(`/v1/p/${t.demoKey}/config`)
      const etag = first.headers.get('etag')!
      const again = await t.fetch(`/v1/p/${t.demoKey}/config`, {
        headers: { 'if-none-match': etag },
      })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')

      const paused = await t.admin(`/projects/${t.demoId}/surveys/nps-demo`, {
        method: 'PATCH',
        json: { status: 'paused' },
      })
      expect(paused.status).toBe(200)
      const changed = await t.fetch(`/v1/p/${t.demoKey}/config`, {
        headers: { 'if-none-match': etag },
      })
      expect(changed.status).toBe(200)
      expect(ConfigResponse.parse(await changed.json()).surveys).toEqual([])
      expect(changed.headers.get('etag')).not.toBe(etag)
    })

    it('leaves out surveys outside their startAt/endAt window', async () => {
      const now = Date.parse('2026-06-01T00:00:00Z')
      const t = await testApp({ now: () => now })
      const put = (id: string, extra: object) =>
        t.admin(`/projects/${t.demoId}/surveys/${id}`, {
          method: 'PUT',
          json: {
            name: id,
            status: 'active',
            questions: [{ id: 'q', type: 'csat', title: 'Happy?' }],
            ...extra,
          },
        })
      expect((await put('future', { startAt: '2026-07-01T00:00:00Z' })).status).toBe(201)
      expect((await put('past', { endAt: '2026-05-01T00:00:00Z' })).status).toBe(201)
      expect((await put('now', { startAt: '2026-05-01T00:00:00Z' })).status).toBe(201)
      const body = ConfigResponse.parse(await (await t.fetch(`/v1/p/${t.demoKey}/config`)).json())
      expect(body.surveys.map((s) => s.id).sort()).toEqual(['now', 'nps-demo'])
    })

    it('404s an unknown or malformed key', async () => {
      const t = await testApp()
      await expectError(await t.fetch('/v1/p/pk_nope/config'), 404, 'unknown_project')
      await expectError(await t.fetch('/v1/p/%00%ff/config'), 404, 'unknown_project')
    })
  })

  describe('POST /v1/p/{key}/events', () => {
    it('accepts valid events and stores each id at most once', async () => {
      const t = await testApp()
      const a = trackEvent()
      const b = trackEvent({ name: 'other' })
      const first = await t.send(t.demoKey, envelope([a, b, a]))
      expect(first.status).toBe(200)
      expect(EventsResult.parse(await first.json())).toEqual({
        accepted: 2,
        duplicates: 1,
        rejected: [],
      })
      const retry = await t.send(t.demoKey, envelope([a, b]))
      expect(await retry.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] })
      const events = await (await t.admin(`/projects/${t.demoId}/events`)).json()
      expect(events.items.map((e: { id: string }) => e.id).sort()).toEqual([a.id, b.id].sort())
    })

    it('rejects bad events by index and still stores the good ones', async () => {
      const t = await testApp()
      const good = trackEvent()
      const res = await t.send(
        t.demoKey,
        envelope([{ nope: true }, good, { ...trackEvent(), time: 'yesterday' }, 42]),
      )
      expect(res.status).toBe(200)
      const body = EventsResult.parse(await res.json())
      expect(body.accepted).toBe(1)
      expect(body.rejected.map((r) => r.index)).toEqual([0, 2, 3])
      expect(body.rejected.every((r) => r.code === 'invalid_event')).toBe(true)
      expect(body.rejected[1]!.message).toMatch(/^time: /)
    })

    it('merges response steps by responseId: later step wins per question, finished sticks', async () => {
      const t = await testApp()
      const t0 = Date.now() - 10_000
      const step1 = responseEvent({ time: t0, answers: { score: 6 }, finished: false })
      const step2 = responseEvent({
        time: t0 + 1000,
        answers: { score: 8, why: 'fast' },
        finished: true,
      })
      // A late retry of an earlier edit must not overwrite the later answer nor unfinish it.
      const stale = responseEvent({ time: t0 + 500, answers: { score: 7 }, finished: false })
      expect((await t.send(t.demoKey, envelope([step2]))).status).toBe(200)
      expect((await t.send(t.demoKey, envelope([step1, stale]))).status).toBe(200)
      const list = await (await t.admin(`/projects/${t.demoId}/responses`)).json()
      expect(list.items).toHaveLength(1)
      expect(list.items[0]).toMatchObject({
        id: 'resp-0001',
        surveyId: 'nps-demo',
        installId: INSTALL,
        answers: { score: 8, why: 'fast' },
        finished: true,
      })
      expect(Date.parse(list.items[0].createdAt)).toBeLessThan(Date.parse(list.items[0].updatedAt))
    })

    it('corrects client time by sentAt', async () => {
      const serverNow = Date.parse('2026-03-01T12:00:00Z')
      const t = await testApp({ now: () => serverNow })
      // The client clock is one hour fast: the event happened 5 s before it was sent.
      const clientSentAt = serverNow + 3_600_000
      const ev = trackEvent({ time: clientSentAt - 5000 })
      await t.send(t.demoKey, envelope([ev], clientSentAt))
      const [stored] = (await (await t.admin(`/projects/${t.demoId}/events`)).json()).items
      expect(stored.time).toBe(new Date(serverNow - 5000).toISOString())
      expect(stored.data.time).toBe(ev.time)
    })

    it('accepts a text/plain JSON body (sendBeacon)', async () => {
      const t = await testApp()
      const res = await t.send(t.demoKey, JSON.stringify(envelope([trackEvent()])), {
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      })
      expect(await res.json()).toMatchObject({ accepted: 1 })
    })

    it.each([
      ['malformed JSON', '{"sentAt": 1, "events": [', 'invalid_json'],
      ['an empty body', '', 'invalid_json'],
      ['a JSON array', '[]', 'invalid_envelope'],
      ['a JSON string', '"hello"', 'invalid_envelope'],
      ['null', 'null', 'invalid_envelope'],
      ['no events', JSON.stringify({ sentAt: 1, events: [] }), 'invalid_envelope'],
      ['events not an array', JSON.stringify({ sentAt: 1, events: {} }), 'invalid_envelope'],
      ['sentAt a string', JSON.stringify({ sentAt: 'now', events: [{}] }), 'invalid_envelope'],
      [
        'too many events',
        JSON.stringify({ sentAt: 1, events: Array(501).fill({}) }),
        'invalid_envelope',
      ],
      ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'invalid_envelope'],
    ])('answers 400 JSON to %s', async (_name, body, code) => {
      const t = await testApp()
      await expectError(await t.send(t.demoKey, body), 400, code)
    })

    it('answers 400 to a body that is not UTF-8', async () => {
      const t = await testApp()
      const res = await t.fetch(`/v1/p/${t.demoKey}/events`, {
        method: 'POST',
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      })
      await expectError(res, 400, 'invalid_encoding')
    })

    it('answers 413 to a body over the limit, declared or streamed', async () => {
      const t = await testApp({ maxBodyBytes: 1000 })
      const big = JSON.stringify(envelope([trackEvent({ name: 'x'.repeat(150) })]).events.concat())
      const declared = await t.send(
        t.demoKey,
        JSON.stringify({ sentAt: 1, events: [big.repeat(10)] }),
      )
      await expectError(declared, 413, 'payload_too_large')
      // A chunked body has no Content-Length: the limit holds while reading.
      const chunk = new TextEncoder().encode('x'.repeat(400))
      const stream = new ReadableStream({
        start(ctrl) {
          for (let i = 0; i < 5; i++) ctrl.enqueue(chunk)
          ctrl.close()
        },
      })
      const streamed = await t.fetch(`/v1/p/${t.demoKey}/events`, {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit)
      await expectError(streamed, 413, 'payload_too_large')
    })

    it('404s an unknown key', async () => {
      const t = await testApp()
      await expectError(
        await t.send('pk_unknown', envelope([trackEvent()])),
        404,
        'unknown_project',
      )
    })

    it('403s an origin outside a non-empty allow-list, and allows listed ones', async () => {
      const t = await testApp()
      const patch = await t.admin(`/projects/${t.demoId}`, {
        method: 'PATCH',
        json: { allowedOrigins: ['https://Shop.Example.com/'] },
      })
      expect((await patch.json()).allowedOrigins).toEqual(['https://shop.example.com'])
      const evil = await t.send(t.demoKey, envelope([trackEvent()]), {
        headers: { origin: 'https://evil.example' },
      })
      await expectError(evil, 403, 'origin_not_allowed')
      // Browsers must be able to read the 403 to stop retrying.
      expect(evil.headers.get('access-control-allow-origin')).toBe('https://evil.example')
      const ok = await t.send(t.demoKey, envelope([trackEvent()]), {
        headers: { origin: 'https://shop.example.com' },
      })
      expect(ok.status).toBe(200)
      const cfg = await t.fetch(`/v1/p/${t.demoKey}/config`, {
        headers: { origin: 'https://evil.example' },
      })
      await expectError(cfg, 403, 'origin_not_allowed')
    })

    it('429s with Retry-After past the per key + client rate', async () => {
      const t = await testApp({ rateLimit: { perSecond: 1, burst: 3 }, trustProxy: true })
      const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } })
      for (let i = 0; i < 3; i++)
        expect((await t.send(t.demoKey, envelope([trackEvent()]), from('10.0.0.1'))).status).toBe(
          200,
        )
      const limited = await t.send(t.demoKey, envelope([trackEvent()]), from('10.0.0.1'))
      await expectError(limited, 429, 'rate_limited')
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(limited.headers.get('access-control-expose-headers')).toMatch(/Retry-After/)
      // Another client of the same key has its own budget.
      expect((await t.send(t.demoKey, envelope([trackEvent()]), from('10.0.0.2'))).status).toBe(200)
    })

    it('answers CORS preflights and sets CORS headers on answers', async () => {
      const t = await testApp()
      const pre = await t.fetch(`/v1/p/${t.demoKey}/events`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://site.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      })
      expect(pre.status).toBe(204)
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://site.example')
      expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/)
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i)
      const res = await t.send(t.demoKey, envelope([trackEvent()]), {
        headers: { origin: 'https://site.example' },
      })
      expect(res.headers.get('access-control-allow-origin')).toBe('https://site.example')
    })
  })

  describe('POST /v1/p/{key}/forget', () => {
    it("erases that install's events and responses, and only those", async () => {
      const t = await testApp()
      await t.send(
        t.demoKey,
        envelope([
          trackEvent(),
          responseEvent({ finished: true }),
          trackEvent({ installId: 'install-other' }),
        ]),
      )
      const res = await t.fetch(`/v1/p/${t.demoKey}/forget`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ installId: INSTALL }),
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({
        erased: { events: 2, responses: 1, webhookDeliveries: 0 },
      })
      const events = (await (await t.admin(`/projects/${t.demoId}/events`)).json()).items
      expect(events.map((e: { installId: string }) => e.installId)).toEqual(['install-other'])
      const responses = (await (await t.admin(`/projects/${t.demoId}/responses`)).json()).items
      expect(responses).toEqual([])
    })

    it('400s a missing installId', async () => {
      const t = await testApp()
      const res = await t.fetch(`/v1/p/${t.demoKey}/forget`, { method: 'POST', body: '{}' })
      await expectError(res, 400, 'invalid_request')
    })
  })

  describe('unknown routes', () => {
    it('answer 404 JSON', async () => {
      const t = await testApp()
      await expectError(await t.fetch('/nope'), 404, 'not_found')
      await expectError(await t.fetch(`/v1/p/${t.demoKey}/nope`), 404, 'not_found')
    })
  })
}
