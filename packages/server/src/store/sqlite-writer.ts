/**
 * The SQLite writer thread: ingest transactions run here, so the main thread keeps reading
 * and answering requests while a commit waits for the disk. Calls that arrive during a commit
 * share the next one (group commit); each reply is sent only after its commit is durable.
 */
import { parentPort, workerData } from 'node:worker_threads'
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
    db ??= connectSqlite((workerData as { path: string }).path)
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

port.on('message', (m: WriterRequest) => {
  if (m === 'close') {
    flush()
    db?.close()
    port.close()
    return
  }
  queue.push(m)
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
})
