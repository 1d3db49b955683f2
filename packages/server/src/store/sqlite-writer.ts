/**
 * The SQLite writer thread: ingest transactions run here, so the main thread keeps reading
 * and answering requests while a commit waits for the disk. Calls that arrive during a commit
 * share the next one (group commit); each reply is sent only after its commit is durable.
 */
import { createRequire } from 'node:module'
import { parentPort, Worker, workerData } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import { connectSqlite, type IngestJob, type JobOutcome, SqliteWrites } from './sqlite-ingest.js'
import type { IngestResult } from './store.js'

export type WriterRequest = { id: number; job: IngestJob } | 'close'
export type WriterReply = Array<{ id: number; ok?: IngestResult; error?: WireError }>
/** An error as it crosses the thread boundary; the code drives the 503 classification. */
export interface WireError {
  name: string
  message: string
  code?: string
}

const port = parentPort!
const path = (workerData as { path: string }).path

/**
 * Checkpoints (copying committed WAL pages into the database file, then an fsync of it) run on
 * a third thread with its own connection, every 100 ms, so a commit never waits behind one.
 * They are PASSIVE: they never block the writer. The writer keeps SQLite's own checkpoint as a
 * backstop at 4,000 WAL pages (16 MB); it then finds the pages already copied, and the WAL
 * starts over from its beginning.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 5000')
const tick = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
}, 100)
parentPort.on('message', () => { clearInterval(tick); db.close(); parentPort.close() })
`
let checkpointer: Worker | undefined

function connect(): Database.Database {
  const db = connectSqlite(path)
  db.pragma('wal_autocheckpoint = 4000')
  // 64 MiB of page cache (SQLite's default is 2 MiB): the index pages ingest touches stay in
  // memory as the database grows (docs/BENCHMARKS.md, ingest: +5-11% events/s on a large file).
  db.pragma('cache_size = -65536')
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { path, driver } })
  // A checkpointer that fails leaves the backstop doing the work; ingest carries on.
  checkpointer.on('error', () => {})
  return db
}
let db: Database.Database | undefined
let writes: SqliteWrites | undefined
let queue: Array<{ id: number; job: IngestJob }> = []
let scheduled = false

const wire = (e: unknown): WireError => {
  const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown }
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(e),
    code: typeof code === 'string' ? code : undefined,
  }
}

function flush(): void {
  scheduled = false
  const group = queue
  queue = []
  if (group.length === 0) return
  let outcomes: JobOutcome[]
  try {
    // Opened on first use, so a file that cannot be opened fails the calls, not the thread.
    db ??= connect()
    writes ??= new SqliteWrites(db)
    outcomes = writes.ingestGroup(group.map((g) => g.job))
  } catch (error) {
    outcomes = group.map(() => ({ error }))
  }
  port.postMessage(
    group.map(({ id }, i) => {
      const o = outcomes[i]!
      return 'ok' in o ? { id, ok: o.ok } : { id, error: wire(o.error) }
    }),
  )
}

// Connect at once so the first call does not wait; if the file cannot be opened now, the
// first flush tries again and fails its calls with the reason.
try {
  db = connect()
} catch {}

port.on('message', (m: WriterRequest) => {
  if (m === 'close') {
    flush()
    const done = () => {
      db?.close()
      port.close()
    }
    if (!checkpointer) return done()
    checkpointer.once('exit', done)
    checkpointer.postMessage('close')
    return
  }
  queue.push(m)
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
})
