/**
 * Runs inside Chromium (bundled by outbox.bench.ts): enqueue throughput of the SDK outbox
 * against raw IndexedDB puts of the same records, and flush throughput (the outbox drained to
 * a real HTTP server by the SDK's delivery) against raw requests, in the same page.
 */

import { fetchTransport } from '../packages/sdk/src/browser/fetch-transport'
import { idbStorage } from '../packages/sdk/src/browser/idb-storage'
import { browserLocks } from '../packages/sdk/src/browser/locks'
import { DEFAULTS } from '../packages/sdk/src/candor'
import { createDelivery } from '../packages/sdk/src/delivery'
import { createOutbox } from '../packages/sdk/src/outbox'
import type { WireEvent } from '../packages/sdk/src/schema'
import { uuidv7 } from '../packages/sdk/src/uuid'

const event = (i: number): WireEvent => ({
  id: uuidv7(),
  time: Date.now(),
  installId: '0190c4a2-5a4e-7c1b-9a5e-3f6d2b1c0a99',
  url: 'https://app.example.com/projects/42/settings',
  locale: 'en-US',
  type: 'track',
  name: 'export_clicked',
  props: { format: 'pdf', i, plan: 'pro' },
})

const req = <T>(r: IDBRequest<T> | IDBTransaction) =>
  new Promise<T>((ok, no) => {
    const x = r as IDBRequest<T>
    ;(r as IDBTransaction).oncomplete = x.onsuccess = () => ok(x.result)
    ;(r as IDBTransaction).onabort = x.onerror = () => no(x.error)
  })

const openRaw = async (name: string) => {
  const r = indexedDB.open(name)
  r.onupgradeneeded = () => r.result.createObjectStore('outbox')
  return req(r)
}

const record = (e: WireEvent) => ({
  id: e.id,
  event: e,
  size: JSON.stringify(e).length,
  at: Date.now(),
})

let run = 0
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/** Where flush cases send: `ack` answers every batch at once, `candor` is the real server. */
export interface Targets {
  ack: string
  candor?: string
}

export const cases: Record<string, (n: number, to: Targets) => Promise<number>> = {
  /** What an outbox without batching does: one readwrite transaction per event. */
  async 'raw IndexedDB: one put per transaction'(n) {
    const db = await openRaw(`raw-each-${++run}`)
    const events = Array.from({ length: n }, (_, i) => event(i))
    return time(async () => {
      await Promise.all(
        events.map((e) => {
          const tx = db.transaction('outbox', 'readwrite')
          tx.objectStore('outbox').put(record(e), e.id)
          return req(tx)
        }),
      )
    })
  },
  /** The floor: every put in a single transaction. */
  async 'raw IndexedDB: all puts in one transaction'(n) {
    const db = await openRaw(`raw-one-${++run}`)
    const events = Array.from({ length: n }, (_, i) => event(i))
    return time(async () => {
      const tx = db.transaction('outbox', 'readwrite')
      const s = tx.objectStore('outbox')
      for (const e of events) s.put(record(e), e.id)
      await req(tx)
    })
  },
  /** The SDK: `track()` calls made in a burst (events of one tick share a transaction). */
  async 'outbox: burst of adds'(n) {
    const ob = outbox()
    await ob._read() // open the database outside the timing
    const events = Array.from({ length: n }, (_, i) => event(i))
    return time(() => Promise.all(events.map((e) => ob._add([e]))))
  },
  /** The SDK, worst case: each add awaited before the next (one transaction each). */
  async 'outbox: adds awaited one by one'(n) {
    const ob = outbox()
    await ob._read()
    const events = Array.from({ length: n }, (_, i) => event(i))
    return time(async () => {
      for (const e of events) await ob._add([e])
    })
  },
  /** Flush floor: the same batches (100 events) POSTed one after another, no IndexedDB. */
  async 'flush, raw: fetch the batches, no outbox'(n, to) {
    const events = Array.from({ length: n }, (_, i) => event(i))
    return time(async () => {
      for (let i = 0; i < n; i += BATCH) await post(to.ack, events.slice(i, i + BATCH))
    })
  },
  /** A minimal durable outbox: per batch, read it from IndexedDB, POST it, delete it. */
  async 'flush, raw: IndexedDB read + fetch + delete per batch'(n, to) {
    const db = await openRaw(`raw-flush-${++run}`)
    const tx = db.transaction('outbox', 'readwrite')
    for (let i = 0; i < n; i++) {
      const e = event(i)
      tx.objectStore('outbox').put(record(e), e.id)
    }
    await req(tx)
    return time(async () => {
      for (;;) {
        const recs = await req(db.transaction('outbox').objectStore('outbox').getAll(null, BATCH))
        if (!recs.length) break
        await post(
          to.ack,
          recs.map((r) => r.event),
        )
        const del = db.transaction('outbox', 'readwrite')
        for (const r of recs) del.objectStore('outbox').delete(r.id)
        await req(del)
      }
    })
  },
  /** The SDK: outbox + delivery (batching, the cross-tab lock, acks) to a server that acks. */
  'flush, outbox: SDK delivery to an acking server': (n, to) => flushOutbox(n, to.ack),
  /** The same, to the real collection server (SQLite, dedup by id): end to end. */
  async 'flush, outbox: SDK delivery to the Candor server (SQLite)'(n, to) {
    if (!to.candor) throw new Error('no Candor server')
    return flushOutbox(n, to.candor)
  },
}

const outbox = () =>
  createOutbox(
    () => idbStorage(`bench-outbox-${++run}`),
    { maxCount: 1e9, maxBytes: 1e12, maxAgeMs: 1e12 },
    {
      now: () => Date.now(),
      warn: (m) => console.warn(m),
      timer: (fn, ms) => {
        const t = setTimeout(fn, ms)
        return () => clearTimeout(t)
      },
    },
    () => {},
  )

const BATCH = DEFAULTS.batchCount

const post = async (url: string, events: unknown[]) => {
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify({ sentAt: Date.now(), events }),
  })
  if (!res.ok) throw new Error(`POST ${url}: ${res.status}`)
  await res.json()
}

/** Fill an outbox with `n` events (untimed), then time the SDK's delivery draining it. */
/** Per target URL, the ms each SDK flush spent reading the outbox (`_read`, `_next`). */
export const flushReadMs: Record<string, number[]> = {}

async function flushOutbox(n: number, url: string): Promise<number> {
  const ob = outbox()
  await ob._add(Array.from({ length: n }, (_, i) => event(i)))
  let readMs = 0
  const timed = (read: (n?: number) => ReturnType<typeof ob._read>) => async (n?: number) => {
    const t = performance.now()
    try {
      return await read(n)
    } finally {
      readMs += performance.now() - t
    }
  }
  ob._read = timed(ob._read)
  ob._next = timed(ob._next)
  const delivery = createDelivery(
    {
      transport: fetchTransport(),
      locks: browserLocks(`bench-lock-${++run}`),
      now: () => Date.now(),
      random: Math.random,
      timer: (fn, ms) => {
        const t = setTimeout(fn, ms)
        return () => clearTimeout(t)
      },
    },
    ob,
    DEFAULTS,
    url,
    () => true,
    () => {},
  )
  const ms = await time(async () => {
    // One flush sends up to 100 batches; go on until nothing is pending.
    for (let i = 0; i < 100; i++) {
      const r = await delivery._flush(true)
      if (r.dropped) throw new Error(`${r.dropped} events dropped`)
      if (!r.pending) return
    }
    throw new Error('the outbox did not drain')
  })
  delivery._stop()
  flushReadMs[url] = [...(flushReadMs[url] ?? []), readMs]
  return ms
}
