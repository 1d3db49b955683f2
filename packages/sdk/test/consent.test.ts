/** The CEIP consent matrix, forget() and reset(). */
import { describe, expect, it } from 'vitest'
import type { Storage } from '../src/ports'
import type { Consent } from '../src/types'
import { fakeServer, freshIdb, makeCandor, settle, testPlatform } from './support/fakes'

/** Storage that counts how often it was opened. */
const watched = () => {
  const inner = freshIdb()
  const state = { opened: 0 }
  return {
    inner,
    state,
    open: (): Storage => {
      state.opened++
      return inner
    },
  }
}

const exercise = (candor: ReturnType<typeof makeCandor>['candor']) => {
  candor.track('usage')
  candor.feedback({ text: 'words' })
}

const typesSent = (server: ReturnType<typeof fakeServer>) =>
  [...server.stored.values()].map((e) => e.type).sort()

describe('consent matrix', () => {
  it('pending (the default): storage is never opened, nothing is sent, no id is written', async () => {
    const s = watched()
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, storage: s.open })
    const { candor, notices } = makeCandor({ platform }, server)
    expect(candor.consent).toBe('pending')
    exercise(candor)
    await settle(10)
    await platform.advance(60_000)
    expect(await candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    expect(s.state.opened).toBe(0)
    expect(server.requests).toEqual([])
    expect(notices).toEqual([
      { type: 'dropped', count: 1, reason: 'consent' },
      { type: 'dropped', count: 1, reason: 'consent' },
    ])
  })

  it.each<[Consent, string[]]>([
    ['feedback-only', ['feedback']],
    ['granted', ['feedback', 'track']],
    ['denied', []],
  ])('%s keeps %j', async (consent, kept) => {
    const s = watched()
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, storage: s.open })
    const { candor } = makeCandor({ consent, platform }, server)
    exercise(candor)
    await candor.flush()
    expect(typesSent(server)).toEqual(kept)
    if (kept.length) expect(await s.inner.get('installId')).toMatch(/^[0-9a-f-]{36}$/)
    else expect(await s.inner.get('installId')).toBeUndefined()
  })

  it('the install id is written only once consent allows, and then kept across loads', async () => {
    const s = watched()
    const server = fakeServer()
    const p1 = testPlatform({ transport: server.transport, storage: s.open })
    const first = makeCandor({ platform: p1 }, server)
    first.candor.track('before')
    await settle(10)
    expect(s.state.opened).toBe(0)
    first.candor.setConsent('granted')
    first.candor.track('after')
    await first.candor.flush()
    const id = await s.inner.get<string>('installId')
    expect(id).toBeDefined()
    expect([...server.stored.values()].map((e) => e.installId)).toEqual([id])
    const p2 = testPlatform({ transport: server.transport, storage: s.open })
    const second = makeCandor({ consent: 'granted', platform: p2 }, server)
    second.candor.track('again')
    await second.candor.flush()
    expect(new Set([...server.stored.values()].map((e) => e.installId))).toEqual(new Set([id]))
  })

  it('revoking (denied) purges the outbox and the install id; nothing more is sent', async () => {
    const s = watched()
    const server = fakeServer()
    server.fail({ status: 0 })
    const platform = testPlatform({ transport: server.transport, storage: s.open })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    exercise(candor)
    await candor.flush()
    expect((await s.inner.all()).length).toBe(2)
    candor.setConsent('denied')
    await settle(10)
    expect(await s.inner.all()).toEqual([])
    expect(await s.inner.get('installId')).toBeUndefined()
    exercise(candor)
    await platform.advance(10 * 60_000)
    expect(await candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    expect(server.stored.size).toBe(0)
  })

  it('granted → feedback-only purges usage events and keeps feedback', async () => {
    const s = watched()
    const server = fakeServer()
    server.fail({ status: 0 })
    const platform = testPlatform({ transport: server.transport, storage: s.open })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    exercise(candor)
    await candor.flush()
    candor.setConsent('feedback-only')
    candor.track('ignored')
    expect(await candor.flush()).toEqual({ sent: 1, pending: 0, dropped: 0 })
    expect(typesSent(server)).toEqual(['feedback'])
  })

  it('denied, then granted again: a new install id', async () => {
    const s = watched()
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, storage: s.open })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    candor.track('one')
    await candor.flush()
    candor.setConsent('denied')
    candor.setConsent('granted')
    candor.track('two')
    await candor.flush()
    const ids = [...server.stored.values()].map((e) => e.installId)
    expect(ids).toHaveLength(2)
    expect(ids[0]).not.toBe(ids[1])
  })

  it('ignores values that are not a consent state', async () => {
    const { candor } = makeCandor({ consent: 'granted' })
    candor.setConsent('yes' as Consent)
    expect(candor.consent).toBe('granted')
  })
})

describe('forget()', () => {
  it('erases local state, asks the server to erase the install, and starts a new id', async () => {
    const s = watched()
    const server = fakeServer()
    server.fail({ status: 0 })
    const platform = testPlatform({ transport: server.transport, storage: s.open })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    candor.identify('u1')
    exercise(candor)
    await candor.flush()
    const id = await s.inner.get<string>('installId')
    await candor.forget()
    expect(server.forgets).toEqual([id])
    expect(await s.inner.all()).toEqual([])
    candor.track('later')
    await candor.flush()
    const later = [...server.stored.values()]
    expect(later).toHaveLength(1)
    expect(later[0]?.installId).not.toBe(id)
    expect(later[0]?.userId).toBeUndefined()
  })

  it('a forget request that fails is retried on the next start', async () => {
    const s = watched()
    const server = fakeServer()
    server.setForgetReply({ status: 503 })
    const p1 = testPlatform({ transport: server.transport, storage: s.open })
    const first = makeCandor({ consent: 'granted', platform: p1 }, server)
    first.candor.track('x')
    await first.candor.flush()
    const id = await s.inner.get<string>('installId')
    await first.candor.forget()
    first.candor.shutdown()
    server.setForgetReply({ status: 200, body: {} })
    const p2 = testPlatform({ transport: server.transport, storage: s.open })
    makeCandor({ consent: 'granted', platform: p2 }, server)
    await p2.advance(10)
    expect(server.forgets.filter((f) => f === id).length).toBeGreaterThanOrEqual(2)
    expect(await s.inner.get('forget')).toBeUndefined()
  })
})

describe('reset()', () => {
  it('keeps consent, clears the user, and starts a new install id', async () => {
    const { candor, server } = makeCandor({ consent: 'granted' })
    candor.identify('u1')
    candor.track('a')
    await candor.flush()
    candor.reset()
    candor.track('b')
    await candor.flush()
    const [a, b] = [...server.stored.values()]
    expect(candor.consent).toBe('granted')
    expect(a?.userId).toBe('u1')
    expect(b?.userId).toBeUndefined()
    expect(b?.installId).not.toBe(a?.installId)
  })
})
