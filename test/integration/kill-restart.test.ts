/**
 * Fault: the server process is SIGKILLed while the real SDK streams batches into it. After a
 * restart on the same database every event the server had acked must be there, and the
 * SDK's own retries must deliver the rest with no event stored twice. Run on SQLite (WAL,
 * synchronous=FULL, group commit) and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type PgCluster,
  postgresAvailable,
  startPostgres,
} from '../../packages/server/test/support/postgres'
import { recordingClient } from './support/sdk-client'
import {
  demoProject,
  type ServerProcess,
  serverProcess,
  storedEventIds,
} from './support/server-process'
import { until } from './support/until'

const EVENTS = 1500

async function killWhileStreaming(server: ServerProcess) {
  const project = await demoProject(server)
  const client = recordingClient(server.url, project.key)
  try {
    const streaming = client.stream(EVENTS)
    // Kill once a good part is acked: requests are in flight all the time, so the kill lands
    // in the middle of one (some committed and not acked, some not committed at all).
    await until(() => client.acked.size >= 300, 15_000, 'acks before the kill')
    await server.kill()
    await streaming
    // No server is running: every ack the SDK has seen came from the killed process.
    const ackedBeforeKill = [...client.acked]
    await server.start()
    const afterRestart = new Set(await storedEventIds(server, project.id))
    expect(ackedBeforeKill.filter((id) => !afterRestart.has(id))).toEqual([])

    await client.drain()
    const stored = await storedEventIds(server, project.id)
    expect(client.dropped()).toBe(0)
    expect(client.saved).toHaveLength(EVENTS)
    expect(stored).toHaveLength(EVENTS)
    expect(new Set(stored)).toEqual(new Set(client.saved))
    return { ackedBeforeKill: ackedBeforeKill.length, storedBeforeRetries: afterRestart.size }
  } finally {
    client.shutdown()
    await server.stop()
  }
}

describe('SIGKILL while batches stream in', () => {
  it('SQLite: every acked event survives; retries complete the rest once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-kill-'))
    try {
      const server = await serverProcess({
        dbPath: join(dir, 'candor.db'),
        adminToken: 'kill-test-admin-token',
      })
      const figures = await killWhileStreaming(server)
      console.info('kill-restart sqlite', figures)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 45_000)

  describe.runIf(postgresAvailable())('PostgreSQL', () => {
    let cluster: PgCluster | undefined
    afterAll(() => cluster?.stop())

    it('every acked event survives; retries complete the rest once', async () => {
      cluster = await startPostgres()
      const server = await serverProcess({
        databaseUrl: await cluster.createDatabase(),
        adminToken: 'kill-test-admin-token',
      })
      const figures = await killWhileStreaming(server)
      console.info('kill-restart postgres', figures)
    }, 45_000)
  })
})
