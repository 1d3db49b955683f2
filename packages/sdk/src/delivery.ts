/**
 * Sending the outbox: batches by count and bytes, one flusher across tabs (the lock), the
 * status table (status.ts), backoff with full jitter, Retry-After, 413 splitting, and a
 * best-effort send when the page hides or unloads. Records leave the outbox only on an ack
 * (or a counted drop); the server's dedup by event id makes every resend harmless.
 */
import { backoff, retryAfterMs } from './backoff'
import { type Outbox, rank } from './outbox'
import type { OutboxRecord, Platform, Reply } from './ports'
import type { DropCounts, EventsResult } from './schema'
import { verdict } from './status'
import type { DeliveryNotice, DeliveryOptions, FlushResult } from './types'

export type DeliveryConfig = Required<DeliveryOptions>

export const SDK_VERSION = 'candor-js/0.1.0'

/** JSON overhead of an envelope around its events. */
const OVERHEAD = 256

/** Oldest first, up to `limit` events and `max` bytes; a single larger event goes alone. */
const take = (recs: OutboxRecord[], limit: number, max: number): OutboxRecord[] => {
  const out: OutboxRecord[] = []
  let size = OVERHEAD
  for (const r of recs) {
    if (out.length >= limit || (out.length && size + r.size + 1 > max)) break
    out.push(r)
    size += r.size + 1
  }
  return out
}

export type Delivery = ReturnType<typeof createDelivery>

/**
 * `url` is the events URL; `canSend` says whether consent allows sending now. Methods are
 * `_`-prefixed: internal, so terser shortens them in the script-tag bundle.
 */
export const createDelivery = (
  p: Pick<Platform, 'transport' | 'locks' | 'now' | 'random' | 'timer'>,
  outbox: Outbox,
  o: DeliveryConfig,
  url: string,
  canSend: () => boolean,
  notify: (n: DeliveryNotice) => void,
) => {
  let attempt = 0
  let retryAt = 0
  /** retryAt is the server's Retry-After: even an explicit flush() waits for it. */
  let hard = false
  let cancel: (() => void) | undefined
  let dueAt = 0
  let stopped = false
  let force = false
  let queued: Promise<FlushResult> | undefined
  let tail: Promise<unknown> = Promise.resolve()
  /** Ids in a request not answered yet: no other request of this page carries them meanwhile. */
  const inflight = new Set<string>()

  const schedule = (ms: number) => {
    const at = p.now() + ms
    if (stopped || (cancel && dueAt <= at)) return
    cancel?.()
    dueAt = at
    cancel = p.timer(() => {
      cancel = undefined
      flush()
    }, ms)
  }

  /** Send one batch and apply the status table. */
  const send = async (batch: OutboxRecord[], unload: boolean) => {
    const dropped: DropCounts = outbox._drops()
    const body = JSON.stringify({
      sentAt: p.now(),
      events: batch.map((r) => r.event),
      dropped: Object.keys(dropped).length ? dropped : undefined,
      sdk: SDK_VERSION,
    })
    for (const r of batch) inflight.add(r.id)
    const reply = await p.transport
      .post(url, body, unload)
      .catch(() => ({ status: 0 }) as Reply)
      .finally(() => {
        for (const r of batch) inflight.delete(r.id)
      })
    let v = verdict(reply.status)
    const rejected = (reply.body as Partial<EventsResult> | undefined)?.rejected
    // A 2xx that is not our server's answer (a captive portal, a proxy) acks nothing.
    if (v === 'ok' && !Array.isArray(rejected)) v = 'retry'
    const ids = batch.map((r) => r.id)
    if (v === 'ok') {
      const bad = new Set(rejected!.map((r) => r.index))
      const acked = batch.filter((_, i) => !bad.has(i))
      await outbox._remove(ids)
      outbox._reported(dropped)
      outbox._count('rejected', bad.size)
      attempt = 0
      retryAt = 0
      if (acked.length)
        notify({
          type: 'sent',
          eventIds: acked.map((r) => r.id),
          responseIds: [
            ...new Set(
              acked.flatMap((r) => (r.event.type === 'response' ? [r.event.responseId] : [])),
            ),
          ],
        })
      return { v, sent: acked.length, dropped: bad.size }
    }
    if (v === 'drop' || (v === 'split' && batch.length < 2)) {
      await outbox._remove(ids)
      outbox._count(v === 'drop' ? 'failed' : 'oversize', batch.length)
      return { v: 'drop' as const, sent: 0, dropped: batch.length }
    }
    if (v === 'retry' && !unload) {
      const after = retryAfterMs(reply.retryAfter, p.now())
      hard = after !== undefined
      // Retry-After plus up to 10% so clients told the same second do not return together.
      const ms =
        after !== undefined
          ? Math.min(after, o.maxRetryAfter) * (1 + p.random() / 10)
          : backoff(++attempt, o.baseDelay, o.maxDelay, p.random())
      retryAt = p.now() + ms
    }
    return { v, sent: 0, dropped: 0 }
  }

  const run = async (): Promise<FlushResult> => {
    const forced = force
    force = false
    const res = { sent: 0, pending: outbox._size(), dropped: 0 }
    if (!canSend()) return res
    const wait = retryAt - p.now()
    if (wait > 0 && (hard || !forced)) {
      schedule(wait)
      return res
    }
    await p.locks.run(async () => {
      try {
        let limit = o.batchCount
        // The whole outbox once a run (its bounds cover other tabs' writes), then only the
        // oldest records the next batch can hold: draining n events reads about 2n records.
        let recs = await outbox._read()
        for (let i = 0; i < 100 && canSend(); i++) {
          if (i) recs = await outbox._next(limit + inflight.size)
          recs = recs.filter((r) => !inflight.has(r.id))
          if (!recs.length) break
          const batch = take(recs, limit, o.batchBytes)
          const r = await send(batch, false)
          res.sent += r.sent
          res.dropped += r.dropped
          if (r.v === 'retry') break
          // 413: halve the batch and go again; a single event that is still too big is dropped.
          if (r.v === 'split') limit = Math.ceil(batch.length / 2)
        }
      } catch {}
    })
    res.pending = outbox._size()
    if (res.pending && canSend()) schedule(Math.max(retryAt - p.now(), o.interval))
    return res
  }

  /** Flush now (one run at a time; calls while one waits share it). `force` skips our own
   * backoff but never the server's Retry-After. */
  const flush = (f = false): Promise<FlushResult> => {
    force ||= f
    if (!queued) {
      queued = tail.then(() => {
        queued = undefined
        return run()
      })
      tail = queued.catch(() => {})
    }
    return queued.catch(() => ({ sent: 0, pending: outbox._size(), dropped: 0 }))
  }

  /** The page is hiding or unloading: one keepalive request with what this page knows is
   * waiting, finished answers first, issued at once. It does not wait for the cross-tab lock
   * (an unloading page has no time to wait), so it may overlap another tab's send; the
   * server's dedup keeps that exactly once. Removed only if acked. */
  const unload = () => {
    if (!canSend()) return
    // Keepalive and beacon bodies must stay under 64 KB, whatever batchBytes says.
    const max = Math.min(o.batchBytes, 6e4)
    ;(async () => {
      const recs = outbox
        ._known()
        .filter((r) => !inflight.has(r.id) && r.size < max - OVERHEAD)
        .sort((a, b) => rank(b.event) - rank(a.event) || (a.id < b.id ? -1 : 1))
      const batch = take(recs, o.batchCount, max)
      if (!batch.length) return
      await send(batch, true)
    })().catch(() => {})
  }

  return {
    _flush: flush,
    _unload: unload,
    /** Back online: our own backoff is moot (Retry-After still stands). */
    _online() {
      attempt = 0
      if (!hard) retryAt = 0
      flush()
    },
    /** Work was added: flush soon, coalescing bursts. */
    _soon(ms: number) {
      schedule(Math.max(ms, retryAt - p.now()))
    },
    _stop() {
      stopped = true
      cancel?.()
    },
  }
}
