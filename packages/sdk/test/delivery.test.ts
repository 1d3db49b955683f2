/** The delivery engine through createCandor, on fake-indexeddb and a scripted fake server. */
import { describe, expect, it } from 'vitest'
import type { OutboxRecord, Reply, Storage } from '../src/ports'
import { fakeServer, freshIdb, makeCandor, settle, testPlatform } from './support/fakes'

const track3 = (candor: ReturnType<typeof makeCandor>['candor']) => {
  for (const n of ['a', 'b', 'c']) candor.track(n)
}

describe('status table, end to end through the client', () => {
  it.each([0, 408, 429, 500, 502, 503, 504])(
    '%i: keeps every event and retries; each arrives exactly once',
    async (status) => {
      const { candor, server, t } = makeCandor({ consent: 'granted' })
      server.fail({ status })
      track3(candor)
      expect(await candor.flush()).toEqual({ sent: 0, pending: 3, dropped: 0 })
      // The retry is scheduled; when it comes due everything is sent.
      await t.advance(10 * 60_000)
      expect(server.stored.size).toBe(3)
      expect(server.requests).toHaveLength(2)
      expect(await candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    },
  )

  it.each([400, 401, 403, 404, 409, 422])(
    '%i: drops the batch, counts it, and reports the count in the next envelope',
    async (status) => {
      const { candor, server, notices } = makeCandor({ consent: 'granted' })
      server.fail({ status, body: { error: { code: 'x', message: 'y' } } })
      track3(candor)
      expect(await candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 3 })
      expect(notices).toContainEqual({ type: 'dropped', count: 3, reason: 'failed' })
      candor.track('d')
      expect(await candor.flush()).toEqual({ sent: 1, pending: 0, dropped: 0 })
      expect(server.requests[1]?.dropped).toEqual({ failed: 3 })
      // Reported once: the envelope after the acked one carries no count.
      candor.track('e')
      await candor.flush()
      expect(server.requests[2]?.dropped).toBeUndefined()
    },
  )

  it('200 with per-event rejections drops just those and acks the rest', async () => {
    const { candor, server } = makeCandor({ consent: 'granted' })
    server.fail((req) => {
      const r = server.accept({ ...req, events: req.events.filter((_, i) => i !== 1) })
      const body = r.body as { accepted: number }
      return {
        status: 200,
        body: { ...body, rejected: [{ index: 1, code: 'invalid', message: 'bad' }] },
      }
    })
    track3(candor)
    expect(await candor.flush()).toEqual({ sent: 2, pending: 0, dropped: 1 })
    expect([...server.stored.values()].map((e) => e.type === 'track' && e.name)).toEqual(['a', 'c'])
    candor.track('d')
    await candor.flush()
    expect(server.requests.at(-1)?.dropped).toEqual({ rejected: 1 })
  })

  it('duplicates count as acked: a resend of stored events empties the outbox', async () => {
    const { candor, server } = makeCandor({ consent: 'granted' })
    // The server stores the batch but the reply is lost (a dropped connection).
    server.fail((req) => {
      server.accept(req)
      return { status: 0 }
    })
    track3(candor)
    expect((await candor.flush()).pending).toBe(3)
    expect(await candor.flush()).toEqual({ sent: 3, pending: 0, dropped: 0 })
    expect(server.stored.size).toBe(3)
  })

  it('a 2xx that is not the server answer (captive portal) acks nothing', async () => {
    const { candor, server } = makeCandor({ consent: 'granted' })
    server.fail({ status: 200, body: '<html>login</html>' }, { status: 204 })
    track3(candor)
    expect((await candor.flush()).pending).toBe(3)
    expect((await candor.flush()).pending).toBe(3)
    expect(await candor.flush()).toEqual({ sent: 3, pending: 0, dropped: 0 })
  })

  it('413 splits the batch and retries the halves; a single event still too big is dropped', async () => {
    const { candor, server, notices } = makeCandor({ consent: 'granted' })
    const tooBig = (req: { events: { type: string; name?: string }[] }): Reply =>
      req.events.length > 2 || req.events.some((e) => e.name === 'huge')
        ? { status: 413 }
        : server.accept(req as never)
    server.fail(tooBig, tooBig, tooBig, tooBig, tooBig, tooBig, tooBig)
    for (const n of ['a', 'b', 'c', 'huge', 'e']) candor.track(n)
    const r = await candor.flush()
    expect(r).toEqual({ sent: 4, pending: 0, dropped: 1 })
    // 5 → 413; [a b c] → 413; [a b] ok; [c huge] → 413; [c] ok; [huge] → 413: dropped; [e] ok.
    expect(server.requests.map((q) => q.events.length)).toEqual([5, 3, 2, 2, 1, 1, 1])
    expect([...server.stored.values()].map((e) => e.type === 'track' && e.name)).toEqual([
      'a',
      'b',
      'c',
      'e',
    ])
    expect(notices).toContainEqual({ type: 'dropped', count: 1, reason: 'oversize' })
    // The drop is reported with the very next batch ([e]), once.
    expect(server.requests[6]?.dropped).toEqual({ oversize: 1 })
    candor.track('f')
    await candor.flush()
    expect(server.requests.at(-1)?.dropped).toBeUndefined()
  })
})

describe('retry timing', () => {
  it('honours Retry-After on 429 and 503: nothing is sent before it, even by flush()', async () => {
    for (const status of [429, 503]) {
      const { candor, server, t } = makeCandor({ consent: 'granted' })
      server.fail({ status, retryAfter: '30' })
      track3(candor)
      await candor.flush()
      await t.advance(0) // the start-up flush timer
      const next = t.delays()[0]!
      expect(next).toBeGreaterThanOrEqual(30_000)
      expect(next).toBeLessThanOrEqual(33_000)
      await t.advance(29_000)
      expect(await candor.flush()).toEqual({ sent: 0, pending: 3, dropped: 0 })
      expect(server.requests).toHaveLength(1)
      await t.advance(next - 29_000)
      expect(server.stored.size).toBe(3)
      expect(server.requests).toHaveLength(2)
    }
  })

  it('honours an HTTP-date Retry-After and cuts an absurd one to maxRetryAfter', async () => {
    const { candor, server, t } = makeCandor({
      consent: 'granted',
      delivery: { maxRetryAfter: 60_000 },
    })
    server.fail({ status: 503, retryAfter: new Date(t.now() + 20_000).toUTCString() })
    track3(candor)
    await candor.flush()
    await t.advance(0)
    expect(t.delays()[0]).toBeGreaterThanOrEqual(20_000)
    server.fail({ status: 429, retryAfter: String(86_400 * 30) })
    await t.advance(t.delays()[0]!)
    expect(server.requests).toHaveLength(2)
    expect(t.delays()[0]).toBeLessThanOrEqual(66_000)
  })

  it('backs off exponentially with full jitter, capped, while the server keeps failing', async () => {
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, random: () => 0.999 })
    const times: number[] = []
    const post = server.transport.post
    server.transport.post = (...a) => {
      times.push(platform.now())
      return post(...a)
    }
    const { candor, t } = makeCandor(
      {
        consent: 'granted',
        platform,
        delivery: { baseDelay: 1000, maxDelay: 20_000, interval: 100 },
      },
      server,
    )
    server.fail(...Array.from({ length: 8 }, () => ({ status: 500 })))
    candor.track('a')
    await candor.flush()
    for (let i = 0; i < 200; i++) await t.advance(1000)
    const gaps = times.slice(1).map((x, i) => x - times[i]!)
    // Failure n waits just under min(cap, base * 2^n) with random near 1.
    expect(gaps.map((d) => Math.round(d / 1000) * 1000)).toEqual([
      2000, 4000, 8000, 16_000, 20_000, 20_000, 20_000, 20_000,
    ])
    expect(server.stored.size).toBe(1)
  })

  it('with random near 0 the retries come almost at once (full jitter, no floor)', async () => {
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, random: () => 0 })
    const { candor, t } = makeCandor(
      { consent: 'granted', platform, delivery: { interval: 100 } },
      server,
    )
    server.fail({ status: 503 }, { status: 503 })
    candor.track('a')
    await candor.flush()
    await t.advance(250)
    expect(server.stored.size).toBe(1)
  })

  it('an explicit flush() skips our own backoff (not Retry-After); online resets it', async () => {
    const { candor, server, t } = makeCandor({ consent: 'granted' })
    server.fail({ status: 500 }, { status: 500 })
    candor.track('a')
    await candor.flush()
    expect(server.requests).toHaveLength(1)
    await candor.flush()
    expect(server.requests).toHaveLength(2)
    t.lifecycle.online?.()
    await settle()
    expect(server.stored.size).toBe(1)
  })
})

describe('batching', () => {
  it('splits by count', async () => {
    const { candor, server } = makeCandor({ consent: 'granted', delivery: { batchCount: 40 } })
    for (let i = 0; i < 100; i++) candor.track(`e${i}`)
    expect(await candor.flush()).toEqual({ sent: 100, pending: 0, dropped: 0 })
    expect(server.requests.map((r) => r.events.length)).toEqual([40, 40, 20])
    // Oldest first, in the order they were tracked.
    expect([...server.stored.values()].map((e) => e.type === 'track' && e.name)).toEqual(
      Array.from({ length: 100 }, (_, i) => `e${i}`),
    )
  })

  it('splits by bytes: every request body stays under batchBytes', async () => {
    const sizes: number[] = []
    const server = fakeServer()
    const post = server.transport.post
    server.transport.post = (url, body, unload) => {
      sizes.push(new TextEncoder().encode(body).length)
      return post(url, body, unload)
    }
    const { candor } = makeCandor({ consent: 'granted', delivery: { batchBytes: 5000 } }, server)
    for (let i = 0; i < 40; i++) candor.feedback({ text: 'é'.repeat(300) })
    expect((await candor.flush()).sent).toBe(40)
    expect(sizes.length).toBeGreaterThan(4)
    for (const s of sizes) expect(s).toBeLessThan(5000)
  })

  it('each envelope carries sentAt, the sdk, and fully stamped events', async () => {
    const { candor, server, t } = makeCandor({ consent: 'granted', locale: 'fr-FR' })
    candor.identify('user-1')
    candor.track('export', { format: 'pdf' })
    await candor.flush()
    const req = server.requests[0]!
    expect(req.sentAt).toBe(t.now())
    expect(req.sdk).toMatch(/^candor-js\//)
    expect(req.events[0]).toMatchObject({
      type: 'track',
      name: 'export',
      props: { format: 'pdf' },
      userId: 'user-1',
      locale: 'fr-FR',
      url: 'https://app.example/page',
      time: t.now(),
    })
    expect(req.events[0]?.installId).toMatch(/^[0-9a-f-]{36}$/)
  })
})

/** Storage that logs every operation, over a real (fake-indexeddb) store. */
const loggingStorage = (log: string[], inner: Storage = freshIdb()): Storage => ({
  ...inner,
  put: async (r: OutboxRecord[]) => {
    await inner.put(r)
    log.push(`put ${r.map((x) => x.event.type).join(',')}`)
  },
  remove: async (ids: string[]) => {
    await inner.remove(ids)
    log.push(`remove ${ids.length}`)
  },
})

describe('the outbox is written before any send and cleared only on an ack', () => {
  it('puts before posting, removes after the ack', async () => {
    const log: string[] = []
    const server = fakeServer()
    const post = server.transport.post
    server.transport.post = async (url, body, unload) => {
      log.push('post')
      const r = await post(url, body, unload)
      log.push(`reply ${r.status}`)
      return r
    }
    const storage = loggingStorage(log)
    const platform = testPlatform({ transport: server.transport, storage: () => storage })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    candor.track('a')
    candor.feedback({ text: 'b' })
    await candor.flush()
    expect(log).toEqual(['put track,feedback', 'post', 'reply 200', 'remove 2'])
  })

  it('a failed send leaves every record in storage; a new client on it sends them once', async () => {
    const inner = freshIdb()
    const server = fakeServer()
    server.fail({ status: 0 })
    const p1 = testPlatform({ transport: server.transport, storage: () => inner })
    const first = makeCandor({ consent: 'granted', platform: p1 }, server)
    track3(first.candor)
    await first.candor.flush()
    first.candor.shutdown()
    expect((await inner.all()).length).toBe(3)
    // The tab is gone; a new one starts on the same IndexedDB and sends at start-up.
    const p2 = testPlatform({ transport: server.transport, storage: () => inner })
    const second = makeCandor({ consent: 'granted', platform: p2 }, server)
    await p2.advance(10)
    expect(server.stored.size).toBe(3)
    expect(await inner.all()).toEqual([])
    expect((await second.candor.flush()).pending).toBe(0)
    expect(server.sentIds()).toHaveLength(6) // 3 failed, 3 acked: none twice on the server
  })
})

describe('notices', () => {
  it('says saved when written, sent when acked', async () => {
    const { candor, notices } = makeCandor({ consent: 'granted' })
    candor.feedback({ text: 'hi' })
    await settle()
    expect(notices).toEqual([{ type: 'saved', eventId: expect.any(String) }])
    await candor.flush()
    const saved = notices[0] as { eventId: string }
    expect(notices[1]).toEqual({ type: 'sent', eventIds: [saved.eventId], responseIds: [] })
  })
})

describe('flush triggers', () => {
  it('flushes soon after an event, at start-up, and on an interval while work remains', async () => {
    const server = fakeServer()
    const { candor, t } = makeCandor({ consent: 'granted', delivery: { flushDelay: 500 } }, server)
    await t.advance(0) // start-up flush: nothing to send
    expect(server.requests).toHaveLength(0)
    candor.track('a')
    await settle()
    await t.advance(499)
    expect(server.requests).toHaveLength(0)
    await t.advance(1)
    expect(server.stored.size).toBe(1)
    server.fail({ status: 0 })
    candor.track('b')
    await t.advance(500)
    expect(server.requests).toHaveLength(2)
    // Still waiting: the retry comes by itself.
    await t.advance(10 * 60_000)
    expect(server.stored.size).toBe(2)
    expect(t.delays()).toEqual([])
  })

  it('hidden/pagehide sends one keepalive request under 64 KB, finished answers first', async () => {
    // Even with larger normal batches, the unload request stays under the keepalive limit.
    const { candor, server, t } = makeCandor({
      consent: 'granted',
      delivery: { batchBytes: 500_000, batchCount: 500 },
    })
    for (let i = 0; i < 300; i++) candor.track(`t${i}`, { pad: 'x'.repeat(200) })
    candor.feedback({ text: 'precious' })
    await settle(20)
    t.lifecycle.hidden?.()
    await settle(20)
    const unload = server.requests.filter((r) => r.unload)
    expect(unload).toHaveLength(1)
    expect(JSON.stringify(unload[0]).length).toBeLessThan(64_000)
    expect(unload[0]?.events[0]?.type).toBe('feedback')
    // Acked ones are gone, the rest is still waiting.
    const r = await candor.flush()
    expect(r.sent + unload[0]!.events.length).toBe(301)
    expect(server.stored.size).toBe(301)
  })

  it('an unload send that gets no answer removes nothing', async () => {
    const { candor, server, t } = makeCandor({ consent: 'granted' })
    track3(candor)
    await settle(20)
    server.fail({ status: 0 })
    t.lifecycle.hidden?.()
    await settle(20)
    expect(server.requests[0]?.unload).toBe(true)
    expect(await candor.flush()).toEqual({ sent: 3, pending: 0, dropped: 0 })
  })

  it('an unload send leaves out what a request in flight already carries', async () => {
    const { candor, server, t } = makeCandor({ consent: 'granted' })
    track3(candor)
    await settle(20)
    let answer!: () => void
    server.fail((req) => {
      const r = server.accept(req)
      return new Promise<Reply>((ok) => (answer = () => ok(r))) as unknown as Reply
    })
    const flushing = candor.flush()
    await settle(5)
    candor.feedback({ text: 'late' })
    await settle(20)
    t.lifecycle.hidden?.()
    await settle(20)
    const unload = server.requests.filter((r) => r.unload)
    expect(unload.map((r) => r.events.map((e) => e.type))).toEqual([['feedback']])
    answer()
    expect((await flushing).sent).toBe(3)
    expect(server.sentIds()).toHaveLength(4)
  })
})
