/**
 * Fakes for the SDK's ports: a scripted server behind the Transport port (with fault
 * injection), a manual clock and timers, and a Platform built from them. The fakes are ports;
 * the code under test is the real core (and the real IndexedDB adapter on fake-indexeddb).
 */
import 'fake-indexeddb/auto'
import { idbStorage } from '../../src/browser/idb-storage'
import { createCandorWith, type MakeEngine } from '../../src/candor'
import type { Locks, Platform, Reply, Storage, Transport } from '../../src/ports'
import type { DropCounts, WireEvent } from '../../src/schema'
import type { CandorOptions, DeliveryNotice } from '../../src/types'

export interface SentRequest {
  sentAt: number
  events: WireEvent[]
  dropped?: DropCounts
  sdk?: string
  unload: boolean
}

export type Fault = Reply | ((req: SentRequest) => Reply)

/** A collection server that stores each event id once; `fail()` scripts the next replies. */
export const fakeServer = () => {
  const stored = new Map<string, WireEvent>()
  const requests: SentRequest[] = []
  const forgets: string[] = []
  const faults: Fault[] = []
  let forgetReply: Reply = { status: 200, body: {} }
  let config: unknown
  const accept = (req: SentRequest): Reply => {
    let accepted = 0
    let duplicates = 0
    for (const e of req.events)
      if (stored.has(e.id)) duplicates++
      else {
        stored.set(e.id, e)
        accepted++
      }
    return { status: 200, body: { accepted, duplicates, rejected: [] } }
  }
  const transport: Transport = {
    async post(url, body, unload) {
      if (url.endsWith('/forget')) {
        forgets.push(JSON.parse(body).installId)
        return forgetReply
      }
      const req = { ...JSON.parse(body), unload: !!unload } as SentRequest
      requests.push(req)
      const f = faults.shift()
      if (f) return typeof f === 'function' ? f(req) : f
      return accept(req)
    },
    async get() {
      return config ? { status: 200, body: config } : { status: 404 }
    },
  }
  return {
    transport,
    stored,
    requests,
    forgets,
    accept,
    /** The next requests get these replies, in order; then the server is healthy again. */
    fail(...f: Fault[]) {
      faults.push(...f)
    },
    setForgetReply(r: Reply) {
      forgetReply = r
    },
    setConfig(c: unknown) {
      config = c
    },
    /** Ids of every event sent, in order, duplicates included. */
    sentIds: () => requests.flatMap((r) => r.events.map((e) => e.id)),
  }
}
export type FakeServer = ReturnType<typeof fakeServer>

/** A lock that is always free (one tab). */
export const freeLocks: Locks = {
  run: (fn) => fn(),
}

let dbSeq = 0
/** A fresh IndexedDB (fake-indexeddb) per call. */
export const freshIdb = (): Storage => idbStorage(`candor:test-${++dbSeq}-${Date.now()}`)

/** Let promise chains and fake-indexeddb's own callbacks run. */
export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0))
}

export interface TestPlatformOptions {
  storage?: () => Storage
  transport: Transport
  locks?: Locks
  random?: () => number
}

/** A Platform on a manual clock: timers run only in `advance()`. */
export const testPlatform = (o: TestPlatformOptions) => {
  let now = 1_700_000_000_000
  let timers: { at: number; fn: () => void }[] = []
  const warnings: string[] = []
  const lifecycle: { online?: () => void; hidden?: () => void } = {}
  const platform: Platform = {
    storage: o.storage ?? freshIdb,
    transport: o.transport,
    locks: o.locks ?? freeLocks,
    lifecycle: (on) => {
      Object.assign(lifecycle, on)
      return () => {
        lifecycle.online = lifecycle.hidden = undefined
      }
    },
    url: () => 'https://app.example/page',
    device: () => 'desktop',
    language: () => 'en',
    warn: (m) => warnings.push(m),
    now: () => now,
    random: o.random ?? (() => 0.5),
    timer: (fn, ms) => {
      const t = { at: now + ms, fn }
      timers.push(t)
      return () => {
        timers = timers.filter((x) => x !== t)
      }
    },
  }
  return {
    platform,
    warnings,
    lifecycle,
    now: () => now,
    /** Pending timers' delays from now. */
    delays: () => timers.map((t) => t.at - now).sort((a, b) => a - b),
    /** Move the clock; run the timers that come due, in order. */
    async advance(ms: number) {
      await settle()
      const end = now + ms
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        timers = timers.filter((t) => t !== due)
        now = Math.max(now, due.at)
        due.fn()
        await settle()
      }
      now = end
      await settle()
    },
  }
}

/** A Candor on fakes, with its delivery notices recorded. */
export const makeCandor = (
  options: Partial<CandorOptions> & { platform?: ReturnType<typeof testPlatform> } = {},
  server: FakeServer = fakeServer(),
  engine?: MakeEngine,
) => {
  const t = options.platform ?? testPlatform({ transport: server.transport })
  const candor = createCandorWith(
    { endpoint: 'https://candor.test', projectKey: 'pk_test', ...options },
    t.platform,
    engine,
  )
  const notices: DeliveryNotice[] = []
  candor.on('delivery', (n) => notices.push(n))
  return { candor, server, t, notices }
}
