/**
 * Fault: the database cannot be reached when a replica starts. It must not hang or serve
 * half-started: it exits 1 with a line naming the cause, and never prints the database URL
 * (it may hold a password). A supervisor (systemd, Kubernetes) restarts it until the database
 * is back.
 */
import { describe, expect, it } from 'vitest'
import { freePort } from '../support/ports'
import { serverProcess } from './support/server-process'

describe('start-up faults', () => {
  it('PostgreSQL unreachable at start: exit 1, the cause named, the URL not printed', async () => {
    const closed = await freePort()
    const secret = 'hunter2-do-not-print'
    const start = serverProcess({
      databaseUrl: `postgres://candor:${secret}@127.0.0.1:${closed}/candor`,
      adminToken: 'start-faults-admin-token',
    })
    const failure = await start.then(
      () => null,
      (e: Error) => e.message,
    )
    expect(failure).toContain('server exited early')
    expect(failure).toContain(
      'candor-server: store unavailable: the database connection failed (ECONNREFUSED)',
    )
    expect(failure).not.toContain(secret)
  })
})
