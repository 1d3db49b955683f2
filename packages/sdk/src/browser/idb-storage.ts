/** The Storage port on IndexedDB (idb-keyval custom stores): the outbox keyed by event id, so
 * reads come back in time order, and a small key/value store beside it. Only idb-keyval's
 * store and request helpers are used: one readwrite transaction per call. */
import { createStore, promisifyRequest as done, type UseStore } from 'idb-keyval'
import type { Storage } from '../ports'

/** Run `fn` in a readwrite transaction; resolves when it commits. */
export const write = (store: UseStore, fn: (s: IDBObjectStore) => unknown) =>
  store('readwrite', (s) => {
    fn(s)
    return done(s.transaction)
  })

export const idbStorage = (name: string): Storage => {
  const out = createStore(name, 'outbox')
  const kv = createStore(`${name}:kv`, 'kv')
  return {
    // Keyed by id, so the key order is id order; `n` undefined reads every record.
    all: (n) => out('readonly', (s) => done(s.getAll(null, n))),
    put: (recs) =>
      write(out, (s) => {
        for (const r of recs) s.put(r, r.id)
      }),
    remove: (ids) =>
      write(out, (s) => {
        for (const id of ids) s.delete(id)
      }),
    clear: () => Promise.all([write(out, (s) => s.clear()), write(kv, (s) => s.clear())]).then(),
    get: (k) => kv('readonly', (s) => done(s.get(k))),
    set: (k, v) => write(kv, (s) => (v === undefined ? s.delete(k) : s.put(v, k))),
  }
}
