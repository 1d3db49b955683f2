/**
 * Faults of the SQLite file's disk, on a real file system that runs out of space (a 4 MB
 * tmpfs): the server process answers 503 + Retry-After with a log line naming the cause, keeps
 * running, and takes events again once space is freed; nothing acked is lost and the file
 * passes integrity_check. A read-only file system at start makes it exit with a clear message.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { systemPart } from '../support/system'
import { demoProject, serverProcess, storedEventIds } from './support/server-process'
import { mountTmpfs, tmpfsAvailable } from './support/tmpfs'
import { until } from './support/until'
import { postEvents, wireTrack } from './support/wire'

/** Fills the file system holding `dir` until the kernel says ENOSPC. */
function fillDisk(dir: string): string {
  const path = join(dir, 'filler')
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(16 * 1024, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err
  } finally {
    closeSync(fd)
  }
  return path
}

const batch = (n: number) =>
  Array.from({ length: n }, () => ({ ...wireTrack('disk_test'), props: { pad: 'x'.repeat(900) } }))

describe.runIf(
  systemPart('a tmpfs mount', tmpfsAvailable(), 'run the tests as root or with sudo -n mount'),
)('SQLite file system faults (server process on a 4 MB tmpfs)', () => {
  it('disk full: 503 with a clear log line, no crash, recovery once space is freed', async () => {
    const fs = mountTmpfs(4096)
    const server = await serverProcess({
      dbPath: join(fs.dir, 'candor.db'),
      adminToken: 'disk-test-admin-token',
    })
    try {
      const project = await demoProject(server)
      const acked: string[] = []
      const first = batch(20)
      expect((await postEvents(server.url, project.key, first)).body).toMatchObject({
        accepted: 20,
      })
      acked.push(...first.map((e) => e.id))

      const filler = fillDisk(fs.dir)
      // Free pages inside the database and the WAL may absorb a few batches: send until the
      // disk says no (bounded).
      let refused: ReturnType<typeof batch> | undefined
      const statuses: number[] = []
      for (let i = 0; i < 40 && !refused; i++) {
        const events = batch(50)
        const res = await postEvents(server.url, project.key, events)
        statuses.push(res.status)
        if (res.status === 200) {
          expect(res.body).toMatchObject({ accepted: 50 })
          acked.push(...events.map((e) => e.id))
        } else {
          expect(res.status).toBe(503)
          expect(res.retryAfter).toBe('5')
          expect(res.body).toMatchObject({ error: { code: 'unavailable' } })
          refused = events
        }
      }
      expect(refused, `never refused: ${statuses.join(',')}`).toBeDefined()
      // The log line travels through a pipe: it may land just after the answer.
      const full = () => server.logs().find((l) => l.code === 'SQLITE_FULL')
      await until(() => !!full(), 5_000, 'the SQLITE_FULL log line')
      const line = full()
      expect(line?.msg).toBe('store unavailable: the disk is full (SQLITE_FULL)')
      expect(line?.level).toBe(50) // pino "error"
      expect(server.running()).toBe(true)
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

      rmSync(filler)
      // Same process, no restart: the refused batch goes in once space is back.
      const retried = await postEvents(server.url, project.key, refused!)
      expect(retried.body).toMatchObject({ accepted: 50, duplicates: 0 })
      acked.push(...refused!.map((e) => e.id))

      await server.stop()
      const db = new Database(join(fs.dir, 'candor.db'), { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      } finally {
        db.close()
      }
      await server.start()
      const stored = await storedEventIds(server, project.id, 'disk_test')
      expect(stored.length).toBe(acked.length)
      expect(new Set(stored)).toEqual(new Set(acked))
      console.info('disk-full', { acked: acked.length, batchesBeforeRefusal: statuses.length })
    } finally {
      await server.stop()
      fs.unmount()
    }
  }, 45_000)

  it('read-only file system at start: exits 1 naming the cause and the file', async () => {
    const fs = mountTmpfs(4096)
    const dbPath = join(fs.dir, 'candor.db')
    try {
      const server = await serverProcess({ dbPath, adminToken: 'disk-test-admin-token' })
      await server.stop()
      fs.remount('ro')
      await expect(server.start()).rejects.toThrow(/server exited early/)
      expect(await server.exited()).toBe(1)
      expect(server.output()).toContain(
        `candor-server: store unavailable: the database file cannot be opened`,
      )
      expect(server.output()).toContain(`[${dbPath}]`)
    } finally {
      fs.unmount()
    }
  }, 30_000)
})
