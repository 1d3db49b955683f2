/** Storage kept in this page's memory: the fallback when IndexedDB is unavailable or failing. */
import type { OutboxRecord, Storage } from './ports'

export const memoryStorage = (): Storage => {
  const recs = new Map<string, OutboxRecord>()
  const kv = new Map<string, unknown>()
  return {
    all: async (n) => [...recs.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, n),
    put: async (rs) => {
      for (const r of rs) recs.set(r.id, r)
    },
    remove: async (ids) => {
      for (const id of ids) recs.delete(id)
    },
    clear: async () => {
      recs.clear()
      kv.clear()
    },
    get: async <T>(k: string) => kv.get(k) as T | undefined,
    set: async (k, v) => {
      if (v === undefined) kv.delete(k)
      else kv.set(k, v)
    },
  }
}
