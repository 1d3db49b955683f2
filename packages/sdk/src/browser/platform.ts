/** The browser Platform: IndexedDB, fetch, Web Locks, page lifecycle. Safe to create where
 * there is no window (SSR): each adapter checks before it touches a browser global. */
import type { Platform } from '../ports'
import type { watchBrowser } from '../surveys/browser-triggers'
import type { CandorOptions } from '../types'
import { fetchTransport } from './fetch-transport'
import { idbStorage } from './idb-storage'
import { pageLifecycle } from './lifecycle'
import { browserLocks } from './locks'

/** `watch`: the survey engine's page trigger sources (passed in, so a script-tag build can
 * load them with the engine, only when a survey is active). */
export const browserPlatform = (options: CandorOptions, watch?: typeof watchBrowser): Platform => {
  const win = typeof window !== 'undefined' && typeof document !== 'undefined'
  const nav = typeof navigator !== 'undefined' ? navigator : undefined
  const name = `candor:${options.projectKey}`
  let warned = false
  return {
    storage: () => idbStorage(name),
    transport: fetchTransport(),
    locks: browserLocks(name),
    lifecycle: win ? pageLifecycle : undefined,
    watch: win && watch ? (engine) => watch(engine, window) : undefined,
    url: () => (win ? location.href : ''),
    device: () => {
      const ua = nav?.userAgent ?? ''
      return /iPad|Tablet/i.test(ua) ? 'tablet' : /Mobi|Android/i.test(ua) ? 'mobile' : 'desktop'
    },
    language: () => nav?.language || 'en',
    // One warning per page, whatever goes wrong.
    warn: (m) => {
      if (!warned) console.warn(m)
      warned = true
    },
    now: () => Date.now(),
    random: Math.random,
    timer: (fn, ms) => {
      const t = setTimeout(fn, ms)
      return () => clearTimeout(t)
    },
  }
}
