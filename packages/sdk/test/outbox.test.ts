/** Outbox bounds: count, bytes and age, with eviction order and counts reported upstream. */
import { describe, expect, it } from 'vitest'
import { createOutbox, rank } from '../src/outbox'
import type { WireEvent } from '../src/schema'
import { uuidv7 } from '../src/uuid'
import { freshIdb, makeCandor, settle } from './support/fakes'

let clock = 1_700_000_000_000
const base = () => ({ id: uuidv7(clock++), time: clock, installId: 'install-1' })
const track = (name: string): WireEvent => ({ ...base(), type: 'track', name })
const display = (): WireEvent => ({ ...base(), type: 'display', surveyId: 's' })
const partial = (q: string): WireEvent => ({
  ...base(),
  type: 'response',
  surveyId: 's',
  responseId: 'resp-0001',
  answers: { [q]: 1 },
  finished: false,
})
const finished = (q: string): WireEvent => ({ ...partial(q), finished: true }) as WireEvent
const feedback = (text: string): WireEvent => ({ ...base(), type: 'feedback', text })

const label = (e: WireEvent) =>
  e.type === 'track'
    ? `t:${e.name}`
    : e.type === 'response'
      ? `${e.finished ? 'f' : 'p'}:${Object.keys(e.answers)[0]}`
      : e.type === 'feedback'
        ? `fb:${e.text}`
        : e.type

const outbox = (limits: Partial<{ maxCount: number; maxBytes: number; maxAgeMs: number }>) => {
  let now = clock
  const drops: [string, number][] = []
  const ob = createOutbox(
    freshIdb,
    { maxCount: 1000, maxBytes: 2e6, maxAgeMs: 864e5, ...limits },
    { now: () => now, warn: () => {}, timer: () => () => {} },
    (kind, n) => drops.push([kind, n]),
  )
  return { ob, drops, tick: (ms: number) => (now += ms) }
}

describe('eviction order', () => {
  it('ranks usage < display/dismiss < partial answers < finished answers and feedback', () => {
    expect([track('a'), display(), partial('q'), finished('q'), feedback('x')].map(rank)).toEqual([
      0, 1, 2, 3, 3,
    ])
  })

  it('over maxCount: drops usage events first, then displays, then partial answers, oldest first', async () => {
    const { ob, drops } = outbox({ maxCount: 5 })
    await ob._add([finished('q1'), track('t1'), partial('q2'), display(), track('t2')])
    await ob._add([feedback('hi'), partial('q3')])
    expect((await ob._read()).map((r) => label(r.event))).toEqual([
      'f:q1',
      'p:q2',
      'display',
      'fb:hi',
      'p:q3',
    ])
    await ob._add([finished('q4'), finished('q5')])
    // display first, then the oldest partial answer.
    expect((await ob._read()).map((r) => label(r.event))).toEqual([
      'f:q1',
      'fb:hi',
      'p:q3',
      'f:q4',
      'f:q5',
    ])
    expect(drops).toEqual([
      ['evicted', 2],
      ['evicted', 2],
    ])
    expect(ob._drops()).toEqual({ evicted: 4 })
  })

  it('finished answers go last, oldest first, when nothing else is left', async () => {
    const { ob } = outbox({ maxCount: 2 })
    await ob._add([finished('a'), finished('b'), finished('c')])
    expect((await ob._read()).map((r) => label(r.event))).toEqual(['f:b', 'f:c'])
  })

  it('over maxBytes: evicts until the bytes fit', async () => {
    const { ob } = outbox({ maxBytes: 1100 })
    await ob._add([feedback('x'.repeat(400)), track('y'.repeat(190)), track('z'.repeat(190))])
    await ob._add([feedback('w'.repeat(400))])
    const left = await ob._read()
    expect(left.map((r) => label(r.event)[0])).toEqual(['f', 'f'])
    expect(left.reduce((n, r) => n + r.size, 0)).toBeLessThanOrEqual(1100)
  })

  it('over maxAge: old events are evicted when the outbox is read', async () => {
    const { ob, tick } = outbox({ maxAgeMs: 1000 })
    await ob._add([finished('old')])
    tick(600)
    await ob._add([track('new')])
    tick(600)
    expect((await ob._read()).map((r) => label(r.event))).toEqual(['t:new'])
    expect(ob._drops()).toEqual({ evicted: 1 })
  })

  it('the bytes of events evicted for age count as freed (no more is evicted for bytes)', async () => {
    const { ob, tick } = outbox({ maxAgeMs: 1000, maxBytes: 1000 })
    await ob._add([feedback('x'.repeat(700))])
    tick(1001)
    await ob._add([track('a'.repeat(200)), track('b'.repeat(200))])
    // Old + new are over maxBytes; without the old one the new ones fit.
    expect((await ob._read()).map((r) => label(r.event)[2])).toEqual(['a', 'b'])
    expect(ob._drops()).toEqual({ evicted: 1 })
  })
})

describe('evictions reach the server', () => {
  it('are counted, announced, and reported in the next envelope', async () => {
    const { candor, server, notices } = makeCandor({
      consent: 'granted',
      delivery: { maxCount: 3 },
    })
    server.fail({ status: 0 })
    for (let i = 0; i < 5; i++) candor.track(`t${i}`)
    candor.feedback({ text: 'keep me' })
    await settle(10)
    await candor.flush()
    expect(notices.filter((n) => n.type === 'dropped')).toEqual([
      { type: 'dropped', count: 3, reason: 'evicted' },
    ])
    const r = await candor.flush()
    expect(r).toEqual({ sent: 3, pending: 0, dropped: 0 })
    expect(server.requests[1]?.dropped).toEqual({ evicted: 3 })
    expect([...server.stored.values()].map((e) => (e.type === 'track' ? e.name : e.type))).toEqual([
      't3',
      't4',
      'feedback',
    ])
  })

  it('an unreported count survives a reload', async () => {
    const storage = freshIdb()
    const { fakeServer, testPlatform } = await import('./support/fakes')
    const server = fakeServer()
    server.fail({ status: 0 })
    const p1 = testPlatform({ transport: server.transport, storage: () => storage })
    const first = makeCandor(
      { consent: 'granted', platform: p1, delivery: { maxCount: 1 } },
      server,
    )
    first.candor.track('a')
    first.candor.track('b')
    await first.candor.flush()
    first.candor.shutdown()
    const p2 = testPlatform({ transport: server.transport, storage: () => storage })
    const second = makeCandor({ consent: 'granted', platform: p2 }, server)
    await second.candor.flush()
    expect(server.requests.at(-1)?.dropped).toEqual({ evicted: 1 })
    expect(server.stored.size).toBe(1)
  })
})
