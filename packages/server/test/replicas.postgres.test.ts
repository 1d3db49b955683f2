/** Several app replicas on one PostgreSQL database, through the HTTP layer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../src/store/postgres.js'
import type { Store } from '../src/store/store.js'
import {
  ADMIN_TOKEN,
  envelope,
  responseEvent,
  type TestApp,
  testApp,
  trackEvent,
} from './support/app.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

if (postgresAvailable()) {
  describe('replicas on PostgreSQL', () => {
    let cluster: PgCluster
    const stores: Store[] = []
    let a: TestApp
    let b: TestApp

    beforeAll(async () => {
      cluster = await startPostgres()
      const url = await cluster.createDatabase()
      // Both replicas migrate and seed at once, as replicas starting together would.
      const [sa, sb] = await Promise.all([openPostgresStore(url), openPostgresStore(url)])
      stores.push(sa, sb)
      ;[a, b] = await Promise.all([testApp({ store: sa }), testApp({ store: sb })])
    })
    afterAll(async () => {
      for (const s of stores) await s.close()
      await cluster?.stop()
    })

    it('seed once, whichever replica wins', async () => {
      const list = await (await a.admin('/projects')).json()
      expect(list.items.map((p: { name: string }) => p.name)).toEqual(['Demo'])
      expect(a.demoKey).toBe(b.demoKey)
    })

    it('store each event once and merge one response across replicas', async () => {
      const t0 = Date.now() - 60_000
      const steps = Array.from({ length: 12 }, (_, i) =>
        responseEvent({
          responseId: 'resp-replicas',
          time: t0 + i,
          answers: { [`q${i}`]: i },
          finished: i === 11,
        }),
      )
      // Every step goes to both replicas at once (a retry racing its original).
      const results = await Promise.all(
        steps.flatMap((s) => [a.send(a.demoKey, envelope([s])), b.send(b.demoKey, envelope([s]))]),
      )
      const bodies = await Promise.all(results.map((r) => r.json()))
      expect(results.every((r) => r.status === 200)).toBe(true)
      expect(bodies.reduce((n, x) => n + x.accepted, 0)).toBe(12)
      expect(bodies.reduce((n, x) => n + x.duplicates, 0)).toBe(12)
      const responses = (
        await (await b.admin(`/projects/${b.demoId}/responses?surveyId=nps-demo`)).json()
      ).items
      expect(responses).toHaveLength(1)
      expect(Object.keys(responses[0].answers)).toHaveLength(12)
      expect(responses[0].finished).toBe(true)
    })

    it('reject unstorable text per event and never answer 5xx', async () => {
      const res = await a.send(
        a.demoKey,
        envelope([
          trackEvent({ name: 'nul\u0000name' }),
          trackEvent({ name: 'lone \ud800' }),
          trackEvent(),
        ]),
      )
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body.accepted).toBe(1)
      expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 1])
      const project = await a.fetch('/v1/admin/projects', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bad\u0000name' }),
      })
      expect(project.status).toBe(400)
      const search = await a.admin(`/projects/${a.demoId}/events?name=x%00y`)
      expect(search.status).toBeLessThan(500)
    })

    it('serve summary and export from PostgreSQL', async () => {
      const summary = await (await a.admin(`/projects/${a.demoId}/surveys/nps-demo/summary`)).json()
      expect(summary).toMatchObject({ responses: 1, finished: 1, completionRate: 1 })
      const csv = await (await b.admin(`/projects/${b.demoId}/export?format=csv`)).text()
      expect(csv).toContain('resp-replicas')
    })
  })
} else {
  describe.skip('replicas on PostgreSQL (binaries not found)', () => {
    it('needs PostgreSQL', () => {})
  })
}
