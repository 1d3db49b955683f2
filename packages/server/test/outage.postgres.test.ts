/** When PostgreSQL goes away, ingest answers 503 + Retry-After (SDKs back off and keep the
 * events) and /readyz says not ready; nothing crashes. */
import { describe, expect, it } from 'vitest'
import { openPostgresStore } from '../src/store/postgres.js'
import { envelope, testApp, trackEvent } from './support/app.js'
import { postgresAvailable, startPostgres } from './support/postgres.js'

describe.runIf(postgresAvailable())('PostgreSQL outage', () => {
  it('answers 503 with Retry-After, and /readyz 503', async () => {
    const cluster = await startPostgres()
    const store = await openPostgresStore(await cluster.createDatabase())
    try {
      const t = await testApp({ store })
      expect((await t.send(t.demoKey, envelope([trackEvent()]))).status).toBe(200)
      await cluster.stop()
      const res = await t.send(t.demoKey, envelope([trackEvent()]))
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect((await res.json()).error.code).toBe('unavailable')
      expect((await t.fetch('/readyz')).status).toBe(503)
    } finally {
      await store.close().catch(() => {})
    }
  })
})
