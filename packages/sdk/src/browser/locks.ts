/**
 * One flusher across tabs. Web Locks where present: the lock dies with its tab, so a closed
 * or crashed tab never blocks the others. Elsewhere a lease in IndexedDB: claimed in one
 * readwrite transaction (IndexedDB serialises those across tabs), renewed while held, and
 * free once it expires. If IndexedDB fails too, the outbox is this page's memory: no sharing,
 * no lock needed.
 */
import { createStore } from 'idb-keyval'
import type { Locks } from '../ports'
import { write } from './idb-storage'

type Lease = { o: string; t: number } | undefined

export const leaseLocks = (name: string, ttl = 15e3): Locks => {
  const store = createStore(`${name}:lock`, 'lock')
  const me = Math.random().toString(36).slice(2)
  /** In one readwrite transaction (IndexedDB serialises those across tabs): take the lease if
   * it is free, expired or ours (`take`), or give it back if ours. True if it is ours now. */
  const lease = (take: boolean) => {
    let mine = false
    return write(store, (s) => {
      const r = s.get('lease')
      r.onsuccess = () => {
        const l = r.result as Lease
        mine = take && (!l || l.t < Date.now() || l.o === me)
        if (mine) s.put({ o: me, t: Date.now() + ttl }, 'lease')
        else if (l?.o === me) s.delete('lease')
      }
    }).then(() => mine)
  }
  const run = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    let mine: boolean
    try {
      mine = await lease(true)
    } catch {
      return fn()
    }
    if (!mine) return
    const renew = setInterval(() => lease(true).catch(() => {}), ttl / 3)
    try {
      return await fn()
    } finally {
      clearInterval(renew)
      lease(false).catch(() => {})
    }
  }
  return { run }
}

export const browserLocks = (name: string): Locks => {
  const l = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (!l) return leaseLocks(name)
  return {
    run: async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
      let ran = false
      const go = () => {
        ran = true
        return fn()
      }
      try {
        return (await l.request(name, go)) as T
      } catch (e) {
        // Locks refused (an opaque origin): send anyway rather than never.
        if (ran) throw e
        return go()
      }
    },
  }
}
