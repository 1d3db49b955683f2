/** The Storage port on IndexedDB (idb-keyval custom stores): the outbox keyed by event id, so
 * reads come back in time order, and a small key/value store beside it. */
import { clear, createStore, del, delMany, get, set, setMany, values } from 'idb-keyval'
import type { Storage } from '../ports'

export const idbStorage = (name: string): Storage => {
  const out = createStore(name, 'outbox')
  const kv = createStore(`${name}:kv`, 'kv')
  return {
    all: () => values(out),
    put: (recs) =>
      setMany(
        recs.map((r) => [r.id, r]),
        out,
      ),
    remove: (ids) => delMany(ids, out),
    clear: () => Promise.all([clear(out), clear(kv)]).then(() => {}),
    get: (k) => get(k, kv),
    set: (k, v) => (v === undefined ? del(k, kv) : set(k, v, kv)),
  }
}
