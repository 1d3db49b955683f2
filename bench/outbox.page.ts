/**
 * Runs inside Chromium (bundled by outbox.bench.ts): enqueue throughput of the SDK outbox
 * against raw IndexedDB puts of the same records, in the same page.
 */
import { idbStorage } from '../packages/sdk/src/browser/idb-storage'
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

export const cases: Record<string, (n: number) => Promise<number>> = {
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
