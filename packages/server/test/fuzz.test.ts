/** Bad input never gets a 5xx: mutated envelopes and events against both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../src/store/postgres.js'
import type { Store } from '../src/store/store.js'
import { responseEvent, type TestApp, testApp, trackEvent } from './support/app.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

// A small deterministic PRNG so a failure can be replayed.
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

const nasty: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  2 ** 63,
  Number.MAX_SAFE_INTEGER,
  0.5,
  '',
  'x'.repeat(20_000),
  'nul\u0000byte',
  'lone \ud83d surrogate',
  '😀 émoji',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  [],
  [1, 'a', null],
  {},
  { nested: { deep: [{ a: 1 }] } },
  { __proto__: { polluted: true } },
]

function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4)
    return nasty[Math.floor(rand() * nasty.length)]
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as object) }
  const keys = Object.keys(copy)
  const key = keys[Math.floor(rand() * keys.length)]
  if (key === undefined || rand() < 0.1) {
    ;(copy as Record<string, unknown>)[rand() < 0.5 ? 'extra' : 'nul\u0000key'] =
      nasty[Math.floor(rand() * nasty.length)]
    return copy
  }
  ;(copy as Record<string, unknown>)[key] =
    rand() < 0.5
      ? mutate((copy as Record<string, unknown>)[key], rand, depth + 1)
      : nasty[Math.floor(rand() * nasty.length)]
  return copy
}

async function fuzz(t: TestApp, seed: number, rounds: number) {
  const rand = prng(seed)
  const statuses = new Map<number, number>()
  for (let i = 0; i < rounds; i++) {
    const valid = {
      sentAt: Date.now(),
      events: [
        trackEvent(),
        responseEvent({ responseId: `resp-fuzz-${i % 7}`, answers: { score: 5, why: 'ok' } }),
      ],
    }
    const body = mutate(valid, rand)
    const res = await t.send(t.demoKey, body as object)
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    const json = await res.json()
    if (res.status >= 500)
      throw new Error(`5xx for ${JSON.stringify(body).slice(0, 500)}: ${JSON.stringify(json)}`)
    expect([200, 400, 413]).toContain(res.status)
    if (res.status !== 200) expect(json.error.code).toEqual(expect.any(String))
  }
  // The mutations must reach both outcomes, or the fuzzer tests nothing.
  expect(statuses.get(200)).toBeGreaterThan(0)
  expect(statuses.get(400)).toBeGreaterThan(0)
}

describe('fuzzed ingest on SQLite', () => {
  it('never answers 5xx', async () => {
    await fuzz(await testApp(), 42, 300)
  })
})

describe.runIf(postgresAvailable())('fuzzed ingest on PostgreSQL', () => {
  let cluster: PgCluster
  let store: Store
  beforeAll(async () => {
    cluster = await startPostgres()
    store = await openPostgresStore(await cluster.createDatabase())
  })
  afterAll(async () => {
    await store?.close()
    await cluster?.stop()
  })
  it('never answers 5xx', async () => {
    await fuzz(await testApp({ store }), 7, 300)
  })
})
