import { afterAll, beforeAll, describe, it } from 'vitest'
import { openPostgresStore } from '../src/store/postgres.js'
import { storeConformance } from './store.conformance.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

if (postgresAvailable()) {
  let cluster: PgCluster
  beforeAll(async () => {
    cluster = await startPostgres()
  })
  afterAll(async () => {
    await cluster?.stop()
  })
  storeConformance('postgres', async () => openPostgresStore(await cluster.createDatabase()))
} else {
  describe.skip('Store conformance: postgres (PostgreSQL binaries not found)', () => {
    it('needs PostgreSQL', () => {})
  })
}
