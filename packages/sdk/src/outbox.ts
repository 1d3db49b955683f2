/**
 * The outbox: every event is written here before any send, and leaves only when the server
 * acked it (or it was dropped, which is counted). Storage failures (IndexedDB missing, quota,
 * InvalidStateError, a hung open) switch this page to an in-memory store with one warning.
 *
 * Writes made in the same tick share one storage transaction; all storage mutations run in
 * one chain so a removal never overtakes the write it undoes.
 */
import { memoryStorage } from './memory-storage'
import type { OutboxRecord, Platform, Storage } from './ports'
import type { DropCounts, WireEvent } from './schema'
import type { DeliveryOptions } from './types'

export type OutboxLimits = Required<Pick<DeliveryOptions, 'maxCount' | 'maxBytes' | 'maxAgeMs'>>

export type DropKind = keyof DropCounts

/** Eviction order, lowest first: usage, survey display/dismiss, partial answers, then
 * finished answers and feedback (what a person typed) last. */
export const rank = (e: WireEvent): number =>
  e.type === 'track'
    ? 0
    : e.type === 'response'
      ? e.finished
        ? 3
        : 2
      : e.type === 'feedback'
        ? 3
        : 1

let enc: TextEncoder | undefined
export const utf8Bytes = (s: string): number => {
  enc ??= new TextEncoder()
  return enc.encode(s).length
}

/** How long the first storage operation may take before we call storage broken. */
const OPEN_TIMEOUT = 5000

export type Outbox = ReturnType<typeof createOutbox>

/** `dropped` hears of every drop (already counted for the next report). Methods are
 * `_`-prefixed: internal, so terser shortens them in the script-tag bundle. */
export const createOutbox = (
  open: () => Storage,
  limits: OutboxLimits,
  host: Pick<Platform, 'now' | 'warn' | 'timer'>,
  dropped: (kind: DropKind, n: number) => void,
) => {
  let store: Storage | undefined
  let ok = false
  let broken = false
  /** Every record this page knows of: its own writes plus the last full read. */
  const known = new Map<string, OutboxRecord>()
  let bytes = 0
  /** Added, not yet handed to storage. */
  let queue: OutboxRecord[] = []
  let chain: Promise<unknown> = Promise.resolve()
  let pendingWrite: Promise<void> | undefined
  /** Drops not yet reported to the server (persisted so a reload still reports them). */
  let drops: DropCounts = {}
  let loaded: Promise<void> | undefined
  let isLoaded = false

  const keep = (r: OutboxRecord) => {
    forget(r.id)
    known.set(r.id, r)
    bytes += r.size
  }
  const forget = (id: string) => {
    const r = known.get(id)
    if (r) bytes -= r.size
    known.delete(id)
  }

  /** Run a storage operation; on the first failure move to memory for good, seeded with what
   * this page knows, and run it there. */
  const use = async <T>(op: (s: Storage) => Promise<T>): Promise<T> => {
    if (!broken)
      try {
        store ??= open()
        const s = store
        const r = await (ok
          ? op(s)
          : new Promise<T>((yes, no) => {
              const stop = host.timer(() => no(new Error('storage timed out')), OPEN_TIMEOUT)
              op(s).then(yes, no).finally(stop)
            }))
        ok = true
        return r
      } catch (e) {
        broken = true
        host.warn(`Candor: storage failed, using memory (${e})`)
        store = memoryStorage()
        await store.put([...known.values()])
      }
    return op(store!)
  }

  /** Storage mutations, one at a time, in call order. Never rejects. */
  const serial = <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    const p = chain.then(fn).catch(() => undefined)
    chain = p
    return p
  }

  // The counts are persisted as a running total, but only once the previous page's total was
  // read and merged in (so nothing is counted twice).
  const persist = () => {
    if (isLoaded)
      use((s) => s.set('drops', Object.keys(drops).length ? drops : undefined)).catch(() => {})
  }
  const add = (more: DropCounts, sign = 1) => {
    const next: DropCounts = { ...drops }
    for (const [k, v] of Object.entries(more)) {
      const n = (next[k as DropKind] ?? 0) + sign * (v ?? 0)
      if (n > 0) next[k as DropKind] = n
      else delete next[k as DropKind]
    }
    drops = next
    persist()
  }
  const load = () =>
    (loaded ??= use((s) => s.get<DropCounts>('drops'))
      .then((saved) => {
        isLoaded = true
        add(saved ?? {})
      })
      .catch(() => {}))

  const count = (kind: DropKind, n: number) => {
    if (!n) return
    add({ [kind]: n })
    dropped(kind, n)
  }

  /** Apply the bounds to `known`: too old first, then lowest rank, oldest first. */
  const evict = (): string[] => {
    const cutoff = host.now() - limits.maxAgeMs
    const gone: string[] = []
    let n = known.size
    let b = bytes
    const over = () => n > limits.maxCount || b > limits.maxBytes
    const drop = (r: OutboxRecord) => {
      gone.push(r.id)
      n--
      b -= r.size
    }
    for (const r of known.values()) if (r.at < cutoff) drop(r)
    if (over())
      for (const r of [...known.values()].sort(
        (x, y) => rank(x.event) - rank(y.event) || (x.id < y.id ? -1 : 1),
      ))
        if (!over()) break
        else if (r.at >= cutoff) drop(r)
    if (gone.length) {
      for (const id of gone) forget(id)
      queue = queue.filter((r) => known.has(r.id))
      count('evicted', gone.length)
    }
    return gone
  }

  /** The first `n` stored records in id order (every record without `n`). A read that reaches
   * the end of the store has seen all of it: `known` becomes exactly that (other tabs' writes
   * and removals included) plus what waits to be written. Bounds are applied to `known`. */
  const read = async (n?: number): Promise<OutboxRecord[]> => {
    await load()
    const recs = await serial(async () => {
      const stored = await use((s) => s.all(n))
      if (!n || stored.length < n) {
        known.clear()
        bytes = 0
        for (const r of queue) keep(r)
      }
      for (const r of stored) keep(r)
      const gone = evict()
      if (gone.length) await use((s) => s.remove(gone))
      return stored.filter((r) => known.has(r.id))
    })
    return recs ?? []
  }

  return {
    /** Queue events for storage; resolves once they are written (to IndexedDB or memory). */
    _add(events: WireEvent[]): Promise<void> {
      const at = host.now()
      for (const event of events) {
        const r = { id: event.id, event, size: utf8Bytes(JSON.stringify(event)), at }
        keep(r)
        queue.push(r)
      }
      pendingWrite ??= serial(async () => {
        pendingWrite = undefined
        const gone = evict()
        const batch = queue
        queue = []
        if (gone.length) await use((s) => s.remove(gone))
        if (batch.length) await use((s) => s.put(batch))
      }) as Promise<void>
      return pendingWrite
    },

    /** The whole outbox as storage has it (other tabs' writes included), bounds applied. */
    _read: read,
    /** The oldest `n` records in storage, in id order: what the next batch needs. */
    _next: read,

    _remove(ids: string[]): Promise<unknown> {
      for (const id of ids) forget(id)
      return serial(() => use((s) => s.remove(ids)))
    },

    /** Remove the records `match` selects, or with no `match` everything, keys included. */
    _purge(match?: (r: OutboxRecord) => boolean): Promise<unknown> {
      const sel = match ?? (() => true)
      queue = queue.filter((r) => !sel(r))
      return serial(async () => {
        if (!match) {
          known.clear()
          bytes = 0
          drops = {}
          return use((s) => s.clear())
        }
        const ids = (await use((s) => s.all())).filter(sel).map((r) => r.id)
        for (const r of known.values()) if (sel(r)) ids.push(r.id)
        for (const id of ids) forget(id)
        return use((s) => s.remove(ids))
      })
    },

    /** What this page knows is waiting, unordered (sync: for page unload, which sorts). */
    _known: (): OutboxRecord[] => [...known.values()],
    _size: (): number => known.size,

    // In the chain, so a read made after a purge sees the purge.
    _get: <T>(key: string): Promise<T | undefined> => serial(() => use((s) => s.get<T>(key))),
    _set: (key: string, value: unknown): Promise<void> =>
      use((s) => s.set(key, value)).catch(() => {}),

    _count: count,
    /** Counts to report with the next batch. */
    _drops: (): DropCounts => drops,
    /** The server acked a batch that carried `sent`: those drops are reported. */
    _reported: (sent: DropCounts) => add(sent, -1),
  }
}
