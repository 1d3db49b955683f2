/**
 * Scale-out: two server processes (the built CLI) on different ports sharing one PostgreSQL.
 * The same batch sent to both at once is stored once; a survey change made through one is
 * served by the other at once; rate limits are per replica (docs/SCALING.md says so).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type PgCluster,
  postgresAvailable,
  startPostgres,
} from '../../packages/server/test/support/postgres'
import {
  demoProject,
  type ServerProcess,
  serverProcess,
  storedEventIds,
} from './support/server-process'
import { postEvents, wireTrack } from './support/wire'

const BURST = 40

describe.runIf(postgresAvailable())('replica processes on one PostgreSQL', () => {
  let cluster: PgCluster | undefined
  let a: ServerProcess
  let b: ServerProcess
  let project: { id: string; key: string }

  beforeAll(async () => {
    cluster = await startPostgres()
    const databaseUrl = await cluster.createDatabase()
    const env = {
      CANDOR_RATE_LIMIT: 'on',
      CANDOR_RATE_PER_SECOND: '1',
      CANDOR_RATE_BURST: String(BURST),
      CANDOR_CONFIG_MAX_AGE: '10',
    }
    const start = () => serverProcess({ databaseUrl, adminToken: 'replicas-admin-token', env })
    ;[a, b] = await Promise.all([start(), start()])
    project = await demoProject(a)
    expect(await demoProject(b)).toEqual(project)
  }, 60_000)
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await cluster?.stop()
  })

  it('stores a batch sent to both replicas at once exactly once', async () => {
    const rounds = 15
    const sent: string[] = []
    let accepted = 0
    let duplicates = 0
    for (let round = 0; round < rounds; round++) {
      const batch = Array.from({ length: 50 }, () => wireTrack('replica_race'))
      sent.push(...batch.map((e) => e.id))
      const answers = await Promise.all([a, b].map((r) => postEvents(r.url, project.key, batch)))
      for (const x of answers) {
        expect(x.status).toBe(200)
        const body = x.body as { accepted: number; duplicates: number }
        accepted += body.accepted
        duplicates += body.duplicates
      }
    }
    expect(accepted).toBe(rounds * 50)
    expect(duplicates).toBe(rounds * 50)
    const stored = await storedEventIds(b, project.id, 'replica_race')
    expect(stored).toHaveLength(sent.length)
    expect(new Set(stored)).toEqual(new Set(sent))
  })

  it('serves a survey change made through one replica from the other at once', async () => {
    const config = (r: ServerProcess, etag?: string) =>
      fetch(`${r.url}/v1/p/${project.key}/config`, {
        headers: etag ? { 'if-none-match': etag } : {},
      })
    const before = await config(b)
    const etag = before.headers.get('etag') ?? ''
    expect(((await before.json()) as { surveys: unknown[] }).surveys).toHaveLength(1)
    // No server-side cache: the ETag is a hash of the content, equal on every replica.
    expect((await config(a, etag)).status).toBe(304)

    const paused = await a.admin(`/projects/${project.id}/surveys/nps-demo`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'paused' }),
    })
    expect(paused.status).toBe(200)
    const after = await config(b, etag)
    expect(after.status).toBe(200)
    expect(((await after.json()) as { surveys: unknown[] }).surveys).toHaveLength(0)
    // What a CDN in front may keep: the only delay a survey change can have (the SDK revalidates).
    expect(after.headers.get('cache-control')).toBe('public, max-age=10')

    await b.admin(`/projects/${project.id}/surveys/nps-demo`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'active' }),
    })
    expect((await config(a, etag)).status).toBe(304)
  })

  it('rate-limits per replica: each has its own bucket per key and client', async () => {
    const created = await a.admin<{ key: string }>('/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'rate', allowedOrigins: [] }),
    })
    expect(created.status).toBe(201)
    const key = created.body.key
    const burst = async (r: ServerProcess) => {
      const answers = await Promise.all(
        Array.from({ length: BURST + 5 }, () => postEvents(r.url, key, [wireTrack('rate')])),
      )
      return answers
    }
    for (const r of [a, b]) {
      const answers = await burst(r)
      const ok = answers.filter((x) => x.status === 200).length
      const limited = answers.filter((x) => x.status === 429)
      // The bucket holds BURST tokens and refills 1/s: one more may slip in while they run.
      expect(ok).toBeGreaterThanOrEqual(BURST)
      expect(ok).toBeLessThanOrEqual(BURST + 1)
      expect(limited.length).toBe(BURST + 5 - ok)
      expect(Number(limited[0]?.retryAfter)).toBeGreaterThanOrEqual(1)
    }
  })
})
