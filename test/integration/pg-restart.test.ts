/**
 * Fault: PostgreSQL crashes and comes back while two replica processes (the built CLI) serve
 * the real SDK behind a round-robin balancer. Meanwhile both replicas answer 503 with
 * Retry-After (retryable), /readyz 503, /healthz 200, and keep running; once PostgreSQL is
 * back they serve again without a restart, and nothing they acked is lost.
 */
import { afterAll, describe, expect, it } from 'vitest'
import {
  type PgCluster,
  postgresAvailable,
  startPostgres,
} from '../../packages/server/test/support/postgres'
import { type RoundRobin, roundRobin } from './support/round-robin'
import { recordingClient } from './support/sdk-client'
import {
  demoProject,
  type ServerProcess,
  serverProcess,
  storedEventIds,
} from './support/server-process'
import { until } from './support/until'
import { postEvents, wireTrack } from './support/wire'

const EVENTS = 1200

describe.runIf(postgresAvailable())('PostgreSQL restart under two replicas', () => {
  let cluster: PgCluster | undefined
  let replicas: ServerProcess[] = []
  let lb: RoundRobin | undefined
  afterAll(async () => {
    await lb?.close()
    await Promise.all(replicas.map((r) => r.stop()))
    await cluster?.stop()
  })

  it('503 while it is down, recovery without a restart, nothing acked lost', async () => {
    cluster = await startPostgres()
    const databaseUrl = await cluster.createDatabase()
    // Started together: migrations and the demo seed race, as in a real rollout.
    replicas = await Promise.all(
      [1, 2].map(() => serverProcess({ databaseUrl, adminToken: 'pg-restart-admin-token' })),
    )
    const pids = replicas.map((r) => r.pid())
    lb = await roundRobin(replicas.map((r) => r.url))
    const project = await demoProject(replicas[0]!)
    const client = recordingClient(lb.url, project.key)
    try {
      const streaming = client.stream(EVENTS, 3)
      await until(() => client.acked.size >= 200, 15_000, 'acks before the outage')

      const downAt = Date.now()
      cluster.pause('immediate')
      for (const r of replicas) {
        const res = await postEvents(r.url, project.key, [wireTrack()])
        expect(res.status).toBe(503)
        expect(res.retryAfter).toBe('5')
        expect(res.body).toMatchObject({ error: { code: 'unavailable' } })
        expect((await fetch(`${r.url}/readyz`)).status).toBe(503)
        expect((await fetch(`${r.url}/healthz`)).status).toBe(200)
      }
      // Let the SDK meet the outage through the balancer for a while.
      await new Promise((r) => setTimeout(r, 1500))
      cluster.resume()
      const upAt = Date.now()
      await until(
        async () => {
          const answers = await Promise.all(
            replicas.map((r) => postEvents(r.url, project.key, [wireTrack()])),
          )
          return answers.every((a) => a.status === 200)
        },
        20_000,
        'both replicas to serve again',
      )
      const recoveredMs = Date.now() - upAt

      await streaming
      await client.drain()
      const stored = await storedEventIds(replicas[1]!, project.id)
      const storedSet = new Set(stored)
      expect([...client.acked].filter((id) => !storedSet.has(id))).toEqual([])
      expect(client.dropped()).toBe(0)
      expect(stored).toHaveLength(EVENTS)
      expect(storedSet).toEqual(new Set(client.saved))

      // Same processes throughout; through the balancer only 200s and 503s, never a 500.
      expect(replicas.map((r) => r.pid())).toEqual(pids)
      expect(replicas.every((r) => r.running())).toBe(true)
      const seen = lb.statuses.flat()
      expect(seen.filter((s) => s !== 200 && s !== 503)).toEqual([])
      expect(seen.filter((s) => s === 503).length).toBeGreaterThan(0)
      const logged = replicas.flatMap((r) => r.logs()).map((l) => String(l.msg))
      expect(logged.some((m) => m.startsWith('store unavailable:'))).toBe(true)
      console.info('pg-restart', {
        outageMs: upAt - downAt,
        recoveredMsAfterPgUp: recoveredMs,
        answers503: seen.filter((s) => s === 503).length,
        answers200: seen.filter((s) => s === 200).length,
        causes: [...new Set(replicas.flatMap((r) => r.logs()).map((l) => `${l.code} ${l.msg}`))],
      })
    } finally {
      client.shutdown()
    }
  }, 50_000)
})
