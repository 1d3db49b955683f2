/** Several tabs on one origin: one outbox in IndexedDB, one sender at a time, each event
 * stored once. Each "tab" is its own client with its own storage connection and lock handle. */
import { createStore, update } from 'idb-keyval'
import { describe, expect, it } from 'vitest'
import { idbStorage } from '../src/browser/idb-storage'
import { leaseLocks } from '../src/browser/locks'
import type { Locks } from '../src/ports'
import { fakeServer, makeCandor, settle, testPlatform } from './support/fakes'

/** Web Locks semantics in one process: requests queue and run one at a time. */
const webLocksLike = () => {
  let tail: Promise<unknown> = Promise.resolve()
  const handle = (): Locks => ({
    run: (fn) => {
      const p = tail.then(fn)
      tail = p.catch(() => {})
      return p
    },
  })
  return handle
}

/** A server that answers after a delay and records how many requests overlap. */
const slowServer = () => {
  const server = fakeServer()
  const post = server.transport.post
  const seen = { inflight: 0, max: 0 }
  server.transport.post = async (...a) => {
    seen.inflight++
    seen.max = Math.max(seen.max, seen.inflight)
    await new Promise((r) => setTimeout(r, 3))
    try {
      return await post(...a)
    } finally {
      seen.inflight--
    }
  }
  return { server, seen }
}

const twoTabs = async (locks: () => Locks) => {
  const { server, seen } = slowServer()
  const name = `candor:tabs-${Math.random()}`
  const tabs = [0, 1].map(() => {
    const platform = testPlatform({
      transport: server.transport,
      storage: () => idbStorage(name),
      locks: locks(),
    })
    return makeCandor({ consent: 'granted', platform, delivery: { batchCount: 7 } }, server)
  })
  // Both produce at once, and both try to flush while the other is producing.
  const producing = tabs.map(async ({ candor }, t) => {
    for (let i = 0; i < 60; i++) {
      candor.track(`tab${t}-${i}`)
      if (i % 15 === 0) candor.flush()
      if (i % 5 === 0) await settle(1)
    }
  })
  await Promise.all(producing)
  for (let round = 0; round < 40 && server.stored.size < 120; round++) {
    await Promise.all(tabs.map(({ candor }) => candor.flush()))
    await settle(2)
  }
  return { server, seen, tabs }
}

describe('two tabs producing at once', () => {
  it('with Web Locks: every event stored exactly once, never two senders at a time', async () => {
    const { server, seen } = await twoTabs(webLocksLike())
    expect(server.stored.size).toBe(120)
    expect(seen.max).toBe(1)
    expect(new Set(server.sentIds()).size).toBe(server.sentIds().length)
  })

  it('with the IndexedDB lease fallback: the same', async () => {
    const name = `candor:lease-${Math.random()}`
    const { server, seen } = await twoTabs(() => leaseLocks(name))
    expect(server.stored.size).toBe(120)
    expect(seen.max).toBe(1)
    expect(new Set(server.sentIds()).size).toBe(server.sentIds().length)
  })

  it('the flushing tab picks up the other tab’s writes', async () => {
    const { server } = slowServer()
    const name = `candor:pickup-${Math.random()}`
    const make = () =>
      makeCandor(
        {
          consent: 'granted',
          platform: testPlatform({ transport: server.transport, storage: () => idbStorage(name) }),
        },
        server,
      )
    const writer = make()
    const flusher = make()
    writer.candor.feedback({ text: 'from the other tab' })
    await settle(10)
    expect(await flusher.candor.flush()).toEqual({ sent: 1, pending: 0, dropped: 0 })
    expect(await writer.candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    expect(server.sentIds()).toHaveLength(1)
  })
})

describe('lease lock (no Web Locks)', () => {
  it('is held by one tab at a time and freed on release', async () => {
    const name = `candor:lease-unit-${Math.random()}`
    const a = leaseLocks(name)
    const b = leaseLocks(name)
    let release!: () => void
    const held = a.run(() => new Promise<string>((r) => (release = () => r('a done'))))
    await settle(10)
    expect(await b.run(async () => 'b ran')).toBeUndefined()
    release()
    expect(await held).toBe('a done')
    await settle(10)
    expect(await b.run(async () => 'b ran')).toBe('b ran')
  })

  it('expires when its tab died without releasing it', async () => {
    const name = `candor:lease-ttl-${Math.random()}`
    // A lease left by a tab that closed mid-flush: nobody renews or releases it.
    await update(
      'lease',
      () => ({ o: 'closed-tab', t: Date.now() + 80 }),
      createStore(`${name}:lock`, 'lock'),
    )
    const other = leaseLocks(name)
    expect(await other.run(async () => 1)).toBeUndefined()
    await new Promise((r) => setTimeout(r, 100))
    expect(await other.run(async () => 2)).toBe(2)
  })
})
