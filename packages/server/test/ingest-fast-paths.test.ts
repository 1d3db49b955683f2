/** The shortcuts of the ingest path keep the answers of the slow path: the project-by-key
 * cache never serves a project its own process changed, and the text scan that skips the
 * unstorable-string walk never misses a string the walk would refuse. */
import { describe, expect, it } from 'vitest'
import { mayHoldUnstorable, unstorableString } from '../src/ingest/storable.js'
import { ProjectCache } from '../src/store/project-cache.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import type { Project } from '../src/store/store.js'

const project = (id: string, key: string): Project => ({
  id,
  key,
  name: id,
  allowedOrigins: [],
  settings: { recontactDays: 0 },
  createdAt: 0,
})

describe('ProjectCache', () => {
  it('loads once within the TTL, again after it, and never caches an unknown key', async () => {
    const cache = new ProjectCache(40)
    let loads = 0
    const load = async () => {
      loads++
      return project('prj_a', 'key-a')
    }
    await cache.get('key-a', load)
    await cache.get('key-a', load)
    expect(loads).toBe(1)
    await new Promise((r) => setTimeout(r, 60))
    await cache.get('key-a', load)
    expect(loads).toBe(2)

    let missing = 0
    const none = async () => {
      missing++
      return null
    }
    expect(await cache.get('nope', none)).toBeNull()
    expect(await cache.get('nope', none)).toBeNull()
    expect(missing).toBe(2)
  })

  it('forgets every key of a project', async () => {
    const cache = new ProjectCache()
    let loads = 0
    const load = async () => {
      loads++
      return project('prj_a', 'key-a')
    }
    await cache.get('key-a', load)
    cache.forget('prj_other')
    await cache.get('key-a', load)
    expect(loads).toBe(1)
    cache.forget('prj_a')
    await cache.get('key-a', load)
    expect(loads).toBe(2)
  })

  it('stays bounded under many keys', async () => {
    const cache = new ProjectCache(60_000, 10)
    for (let i = 0; i < 25; i++) await cache.get(`k${i}`, async () => project(`prj_${i}`, `k${i}`))
    let loads = 0
    await cache.get('k0', async () => {
      loads++
      return project('prj_0', 'k0')
    })
    expect(loads).toBe(1)
  })

  it('serves a store change made in this process at once (SQLite store)', async () => {
    const store = await openSqliteStore(':memory:')
    try {
      const p = await store.createProject({ name: 'A', allowedOrigins: ['https://a.example'] })
      expect((await store.getProjectByKey(p.key))?.allowedOrigins).toEqual(['https://a.example'])
      await store.updateProject(p.id, { allowedOrigins: ['https://b.example'] })
      expect((await store.getProjectByKey(p.key))?.allowedOrigins).toEqual(['https://b.example'])
      const rotated = await store.rotateProjectKey(p.id)
      expect(await store.getProjectByKey(p.key)).toBeNull()
      expect((await store.getProjectByKey(rotated!.key))?.id).toBe(p.id)
    } finally {
      await store.close()
    }
  })
})

describe('mayHoldUnstorable', () => {
  const bad = [
    'nul\u0000byte',
    '\u0000',
    'lone \ud83d high',
    'lone \ude00 low',
    'reversed \ude00\ud83d',
    'end \udbff',
  ]
  const good = ['plain', 'café ü', 'tab\tand\nnewline', 'backslash \\u0000 as text', '']

  it('flags every string the walk refuses, in values and in keys', () => {
    for (const s of bad) {
      expect(unstorableString(s)).not.toBeNull()
      expect(mayHoldUnstorable(JSON.stringify({ v: s }))).toBe(true)
      expect(mayHoldUnstorable(JSON.stringify({ [s]: 1 }))).toBe(true)
      // The raw characters too, as a text built by hand could hold them.
      expect(mayHoldUnstorable(`{"v":"${s}"}`)).toBe(true)
    }
  })

  it('lets ordinary text through without a walk', () => {
    for (const s of good) {
      expect(unstorableString(s)).toBeNull()
      if (!s.includes('\\')) expect(mayHoldUnstorable(JSON.stringify({ v: s }))).toBe(false)
    }
    // A valid pair (an emoji) is storable; the scan only asks for the walk.
    expect(unstorableString('👍')).toBeNull()
    expect(mayHoldUnstorable(JSON.stringify({ v: '👍' }))).toBe(true)
  })
})
