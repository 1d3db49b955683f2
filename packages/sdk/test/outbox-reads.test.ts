/**
 * How much of the outbox a flush reads, counted through the Storage port (records handed back
 * by `all`), on fake-indexeddb and on the memory store. Draining must read O(n) records: the
 * whole outbox once a run (for the bounds), then only what each batch holds.
 */
import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../src/memory-storage'
import { createOutbox } from '../src/outbox'
import type { OutboxRecord, Storage } from '../src/ports'
import type { WireEvent } from '../src/schema'
import { uuidv7 } from '../src/uuid'
import { fakeServer, freshIdb, makeCandor, settle, testPlatform } from './support/fakes'

/** A storage that counts the records its reads return and the read calls. */
const counting = (inner: Storage) => {
  const seen = { records: 0, reads: 0 }
  const storage: Storage = {
    ...inner,
    all: async (n) => {
      const recs = await inner.all(n)
      seen.reads++
      seen.records += recs.length
      return recs
    },
  }
  return { storage, seen }
}

const limits = { maxCount: 100_000, maxBytes: 1e9 }

describe.each([
  ['IndexedDB (fake-indexeddb)', freshIdb],
  ['memory', memoryStorage],
])('draining the outbox on %s', (_, make) => {
  const drain = async (n: number) => {
    const { storage, seen } = counting(make())
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, storage: () => storage })
    const { candor } = makeCandor(
      { consent: 'granted', platform, delivery: { ...limits, batchCount: 100 } },
      server,
    )
    for (let i = 0; i < n; i++) candor.track(`e${i}`)
    expect(await candor.flush()).toEqual({ sent: n, pending: 0, dropped: 0 })
    // Oldest first, each once.
    expect(server.sentIds()).toEqual([...server.stored.keys()])
    expect([...server.stored.values()].map((e) => e.type === 'track' && e.name)).toEqual(
      Array.from({ length: n }, (_, i) => `e${i}`),
    )
    return seen
  }

  it('reads each record about twice, not once per batch (O(n), not O(n²))', async () => {
    // Re-reading the whole outbox before each of the 20 batches would read 21,000 records.
    for (const n of [1000, 2000]) {
      const seen = await drain(n)
      expect(seen.records).toBeLessThanOrEqual(2 * n)
      expect(seen.reads).toBeLessThanOrEqual(n / 100 + 3)
    }
  })
})

/** A record as another tab's outbox writes it, straight through the Storage port. */
const fromOtherTab = (name: string): OutboxRecord => {
  const event: WireEvent = { id: uuidv7(), time: 1, installId: 'tab-2', type: 'track', name }
  return { id: event.id, event, size: JSON.stringify(event).length, at: Date.now() }
}

const names = (events: WireEvent[]) => events.map((e) => (e.type === 'track' ? e.name : e.type))

describe('batch reads still see other tabs', () => {
  it('a drain sends what another tab writes meanwhile, in id order, each once', async () => {
    const shared = freshIdb()
    const server = fakeServer()
    const post = server.transport.post
    let first = true
    // While the first batch is out, another tab writes two events.
    server.transport.post = async (url, body, unload) => {
      if (first) {
        first = false
        await shared.put([fromOtherTab('other0'), fromOtherTab('other1')])
      }
      return post(url, body, unload)
    }
    const platform = testPlatform({ transport: server.transport, storage: () => shared })
    const { candor } = makeCandor(
      { consent: 'granted', platform, delivery: { ...limits, batchCount: 10 } },
      server,
    )
    for (let i = 0; i < 25; i++) candor.track(`e${i}`)
    expect(await candor.flush()).toEqual({ sent: 27, pending: 0, dropped: 0 })
    expect(server.requests.map((r) => r.events.length)).toEqual([10, 10, 7])
    // Oldest id first: ours, then the other tab's.
    expect(names(server.requests.flatMap((r) => r.events))).toEqual([
      ...Array.from({ length: 25 }, (_, i) => `e${i}`),
      'other0',
      'other1',
    ])
    expect(server.sentIds()).toEqual([...server.stored.keys()])
    expect(await shared.all()).toEqual([])
  })

  it('the bounds still cover the whole outbox, other tabs included, while sends fail', async () => {
    const shared = freshIdb()
    const server = fakeServer()
    server.fail({ status: 0 })
    const platform = testPlatform({ transport: server.transport, storage: () => shared })
    const { candor, notices } = makeCandor(
      { consent: 'granted', platform, delivery: { maxCount: 6, batchCount: 2 } },
      server,
    )
    for (let i = 0; i < 5; i++) candor.track(`mine${i}`)
    candor.feedback({ text: 'keep me' })
    await settle(10)
    // Another tab wrote 8 newer usage events: 14 in the shared outbox, more than a batch.
    await shared.put(Array.from({ length: 8 }, (_, i) => fromOtherTab(`other${i}`)))
    expect(await candor.flush()).toEqual({ sent: 0, pending: 6, dropped: 0 })
    expect(notices).toContainEqual({ type: 'dropped', count: 8, reason: 'evicted' })
    // Usage events go first, oldest first; the feedback stays.
    expect(names((await shared.all()).map((r) => r.event))).toEqual([
      'feedback',
      ...Array.from({ length: 5 }, (_, i) => `other${i + 3}`),
    ])
    expect(server.requests[0]?.events).toHaveLength(2)
  })

  it('a read that reaches the end of the store forgets what another tab removed', async () => {
    const shared = freshIdb()
    const ob = createOutbox(
      () => shared,
      { maxCount: 1000, maxBytes: 2e6, maxAgeMs: 864e5 },
      { now: () => Date.now(), warn: () => {}, timer: () => () => {} },
      () => {},
    )
    const recs = Array.from({ length: 30 }, (_, i) => fromOtherTab(`e${i}`))
    await ob._add(recs.map((r) => r.event))
    // Another tab's send acked the 20 oldest.
    await shared.remove(recs.slice(0, 20).map((r) => r.id))
    expect(ob._size()).toBe(30)
    // A batch read short of the end knows no more than before...
    expect((await ob._next(5)).map((r) => r.id)).toEqual(recs.slice(20, 25).map((r) => r.id))
    expect(ob._size()).toBe(30)
    // ...one that reaches it has seen the whole store.
    expect(await ob._next(50)).toHaveLength(10)
    expect(ob._size()).toBe(10)
  })
})
