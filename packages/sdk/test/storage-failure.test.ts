/**
 * IndexedDB unavailable or failing (private modes, sandboxed iframes, quota, a closing
 * connection, an open that never answers): the client keeps events in memory, warns once,
 * still delivers, and never throws.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { idbStorage } from '../src/browser/idb-storage'
import type { Storage } from '../src/ports'
import { fakeServer, freshIdb, makeCandor, settle, testPlatform } from './support/fakes'

const domError = (name: string) => new DOMException(`simulated ${name}`, name)

const run = async (storage: () => Storage) => {
  const server = fakeServer()
  const platform = testPlatform({ transport: server.transport, storage })
  const { candor, notices } = makeCandor({ consent: 'granted', platform }, server)
  candor.track('a')
  candor.feedback({ text: 'b' })
  await settle(10)
  candor.track('c')
  const result = await candor.flush()
  return { candor, server, platform, result, notices }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('IndexedDB failing', () => {
  it('at open (InvalidStateError, Firefox private mode): memory, one warning, delivered', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw domError('InvalidStateError')
    })
    const { server, platform, result } = await run(() => idbStorage('candor:open-fails'))
    expect(result).toEqual({ sent: 3, pending: 0, dropped: 0 })
    expect(server.stored.size).toBe(3)
    expect(platform.warnings).toHaveLength(1)
    expect(platform.warnings[0]).toMatch(/InvalidStateError/)
  })

  it('at open (SecurityError, sandboxed iframe) with the open request failing', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      const req = {} as IDBOpenDBRequest
      setTimeout(() => {
        Object.assign(req, { error: domError('SecurityError') })
        req.onerror?.(new Event('error'))
      })
      return req
    })
    const { server, platform } = await run(() => idbStorage('candor:open-errors'))
    expect(server.stored.size).toBe(3)
    expect(platform.warnings).toHaveLength(1)
  })

  it('without any indexedDB global (old or locked-down browsers, SSR)', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const { server, platform } = await run(() => idbStorage('candor:no-idb'))
    vi.unstubAllGlobals()
    expect(server.stored.size).toBe(3)
    expect(platform.warnings).toHaveLength(1)
  })

  it('an open that never answers (a Safari bug) times out into memory', async () => {
    const hung: Storage = {
      all: () => new Promise(() => {}),
      put: () => new Promise(() => {}),
      remove: () => new Promise(() => {}),
      clear: () => new Promise(() => {}),
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
    }
    const server = fakeServer()
    const platform = testPlatform({ transport: server.transport, storage: () => hung })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    candor.track('a')
    await platform.advance(5000)
    await platform.advance(5000)
    expect(server.stored.size).toBe(1)
    expect(await candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    expect(platform.warnings).toEqual([expect.stringMatching(/timed out/)])
  })

  it.each(['QuotaExceededError', 'InvalidStateError', 'UnknownError'])(
    'at write (%s): the events are kept in memory and delivered',
    async (name) => {
      const inner = freshIdb()
      const failing: Storage = {
        ...inner,
        put: async () => {
          throw domError(name)
        },
      }
      const { server, platform, result, notices } = await run(() => failing)
      expect(result).toEqual({ sent: 3, pending: 0, dropped: 0 })
      expect(server.stored.size).toBe(3)
      expect(platform.warnings).toHaveLength(1)
      expect(notices.filter((n) => n.type === 'saved')).toHaveLength(3)
    },
  )

  it('at a later read (the connection closed under us): what the page knows is still sent', async () => {
    const inner = freshIdb()
    let broken = false
    const flaky: Storage = {
      ...inner,
      all: async (n) => {
        if (broken) throw domError('InvalidStateError')
        return inner.all(n)
      },
    }
    const server = fakeServer()
    server.fail({ status: 0 })
    const platform = testPlatform({ transport: server.transport, storage: () => flaky })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    candor.track('a')
    candor.track('b')
    await candor.flush()
    broken = true
    expect(await candor.flush()).toEqual({ sent: 2, pending: 0, dropped: 0 })
    expect(platform.warnings).toHaveLength(1)
  })
})

describe('never throws into the host page', () => {
  it('survives a storage factory that throws, a transport that rejects, and throwing listeners', async () => {
    const server = fakeServer()
    server.transport.post = async () => {
      throw new TypeError('Failed to fetch')
    }
    server.transport.get = async () => {
      throw new TypeError('Failed to fetch')
    }
    const platform = testPlatform({
      transport: server.transport,
      storage: () => {
        throw new Error('no storage here')
      },
    })
    const { candor } = makeCandor({ consent: 'granted', platform }, server)
    candor.on('delivery', () => {
      throw new Error('listener bug')
    })
    candor.track('a')
    candor.feedback({ text: 'b' })
    await settle(10)
    expect(await candor.flush()).toEqual({ sent: 0, pending: 2, dropped: 0 })
    await expect(candor.forget()).resolves.toBeUndefined()
  })

  it('ignores bad arguments', async () => {
    const { candor } = makeCandor({ consent: 'granted' })
    const loose = candor as unknown as Record<string, (...a: unknown[]) => unknown>
    for (const [method, args] of [
      ['track', []],
      ['track', [42]],
      ['feedback', [null]],
      ['feedback', [{ text: 7 }]],
      ['identify', [{}]],
      ['setAttributes', [null]],
      ['setLocale', [undefined]],
      ['setConsent', [{}]],
      ['show', [undefined]],
      ['on', ['nope', () => {}]],
      ['on', ['survey', 'not a function']],
    ] as const)
      expect(() => loose[method]!(...args)).not.toThrow()
    expect((await candor.flush()).dropped).toBe(0)
  })

  it('does nothing after shutdown', async () => {
    const { candor, server } = makeCandor({ consent: 'granted' })
    candor.shutdown()
    candor.track('a')
    expect(await candor.flush()).toEqual({ sent: 0, pending: 0, dropped: 0 })
    expect(server.requests).toEqual([])
  })
})
