/**
 * Fault: the server process is SIGKILLed while the real SDK streams batches into it. After a
 * restart on the same database every event the server had acked must be there, and the
 * SDK's own retries must deliver the rest with no event stored twice. Run on SQLite (WAL,
 * synchronous=FULL, group commit) and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
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

/** Reads the event ids straight from the database, with no server running. */
type ReadDatabase = () => Promise<Set<string>>

const QUERY = "SELECT event_id FROM events WHERE name = 'fault_test'"

async function killWhileStreaming(server: ServerProcess, readDatabase: ReadDatabase) {
  const project = await demoProject(server)
  const client = recordingClient(server.url, project.key)
  try {
    const streaming = client.stream(EVENTS)
    // Kill once a good part is acked: requests are in flight all the time, so the kill lands
    // in the middle of one (some committed and not acked, some not committed at all).
    await until(() => client.acked.size >= 300, 15_000, 'acks before the kill')
    await server.kill()
    await streaming
    // No server is running: every ack the SDK has seen came from the killed process, and
    // the database holds what the crash left (the SDK cannot add anything meanwhile).
    const ackedBeforeKill = [...client.acked]
    const afterCrash = await readDatabase()
    expect(ackedBeforeKill.filter((id) => !afterCrash.has(id))).toEqual([])
    await server.start()
    const afterRestart = new Set(await storedEventIds(server, project.id))
    expect(ackedBeforeKill.filter((id) => !afterRestart.has(id))).toEqual([])

    await client.drain()
    const stored = await storedEventIds(server, project.id)
    expect(client.dropped()).toBe(0)
    expect(client.saved).toHaveLength(EVENTS)
    expect(stored).toHaveLength(EVENTS)
    expect(new Set(stored)).toEqual(new Set(client.saved))
    return {
      ackedBeforeKill: ackedBeforeKill.length,
      storedAfterCrash: afterCrash.size,
      storedAtRestart: afterRestart.size,
    }
  } finally {
    client.shutdown()
    await server.stop()
  }
}

describe('SIGKILL while batches stream in', () => {
  it('SQLite: every acked event survives; retries complete the rest once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-kill-'))
    try {
      const dbPath = join(dir, 'candor.db')
      const server = await serverProcess({ dbPath, adminToken: 'kill-test-admin-token' })
      // A read-write connection, as the restarted server's would be: it recovers the WAL.
      const figures = await killWhileStreaming(server, async () => {
        const db = new Database(dbPath)
        try {
          return new Set(db.prepare(QUERY).pluck().all() as string[])
        } finally {
          db.close()
        }
      })
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
      const databaseUrl = await cluster.createDatabase()
      const server = await serverProcess({ databaseUrl, adminToken: 'kill-test-admin-token' })
      const figures = await killWhileStreaming(server, async () => {
        const db = new pg.Client({ connectionString: databaseUrl })
        await db.connect()
        try {
          return new Set((await db.query(QUERY)).rows.map((r) => r.event_id as string))
        } finally {
          await db.end()
        }
      })
      console.info('kill-restart postgres', figures)
    }, 45_000)
  })
})
