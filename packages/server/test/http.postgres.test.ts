/** The HTTP suites again, on PostgreSQL: every status code, dedup, merge, summary, export,
 * webhooks and the dashboard behave the same on both adapters. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../src/store/postgres.js'
import { adminSuite } from './admin.suite.js'
import { dashboardSuite } from './dashboard.suite.js'
import { exportSuite } from './export.suite.js'
import { publicSuite } from './public.suite.js'
import { summarySuite } from './summary.suite.js'
import { closeTestStores, testApp, useStoreFactory } from './support/app.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'
import { webhooksSuite } from './webhooks.suite.js'

if (postgresAvailable()) {
  describe('HTTP on PostgreSQL', () => {
    let cluster: PgCluster
    beforeAll(async () => {
      cluster = await startPostgres()
      useStoreFactory(async () => openPostgresStore(await cluster.createDatabase(), { max: 4 }))
    })
    afterEach(closeTestStores)
    afterAll(async () => {
      await closeTestStores()
      await cluster?.stop()
    })
    it('runs on PostgreSQL', async () => {
      expect((await testApp()).store.kind).toBe('postgres')
    })
    publicSuite()
    adminSuite()
    summarySuite()
    exportSuite()
    webhooksSuite()
    dashboardSuite()
  })
} else {
  describe.skip('HTTP on PostgreSQL (binaries not found)', () => {
    it('needs PostgreSQL', () => {})
  })
}
