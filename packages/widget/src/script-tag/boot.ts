/**
 * candor.js itself (see loader.ts): reads its <script> tag's data-* attributes (project-key,
 * endpoint, launcher="true", theme="light|dark|system") and swaps the `window.candor` stub for
 * a command function. The SDK core is a chunk of its own, injected with SRI on the first
 * command or with the launcher on: with consent pending and no calls (most first visits under
 * opt-in), this file is all a page compiles. Commands wait, in order, until the core has run.
 */
import type { CandorGlobals, Load, Run } from './contract'
import { inject } from './inject'
import { warn } from './warn'

type CommandFn = ((...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; ready?: boolean }

export function boot(): void {
  const w = window as unknown as CandorGlobals & { candor?: CommandFn }
  const d = document
  const stub = w.candor
  if (stub?.ready) return // the tag is on the page twice
  const tag = (d.currentScript ||
    d.querySelector('script[src$="/candor.js"]')) as HTMLScriptElement | null
  if (!tag) return
  const data = tag.dataset
  const endpoint = (data.endpoint || new URL(tag.src).origin).replace(/\/$/, '')
  const launcher = data.launcher === 'true'
  const nonce = tag.nonce
  // Every chunk is served from the endpoint; the core and the UI chunk load theirs through this.
  const load: Load = (file, integrity) => inject(`${endpoint}/${file}`, integrity, nonce)
  // Each waiting command, with the resolver of the promise a call made after this file ran got.
  const queue: [unknown[], ((result: unknown) => void)?][] = Array.from(stub?.q || [], (call) => [
    Array.from(call),
  ])
  let run: Run | undefined
  let loading: Promise<void> | undefined
  const start = (): unknown =>
    (loading ||= load(__CANDOR_CORE_FILE__, __CANDOR_CORE_SRI__)
      .then(() => {
        run = w.candorCore!(
          { endpoint, projectKey: data.projectKey || '', launcher, nonce, theme: data.theme },
          load,
        )
        for (const [call, done] of queue.splice(0)) {
          const result = run(...(call as [string])) // before done?.(…), which would skip it
          done?.(result)
        }
      })
      .catch(() => {
        // Not loaded, or it failed to start: the next command tries again, or the network's return.
        loading = undefined
        warn('the SDK could not be loaded')
        if (navigator.onLine === false) addEventListener('online', start, { once: true })
      }))
  // Before the core has run, a command resolves with what it returns once it has (flush's result).
  const fn: CommandFn = (...args) =>
    run
      ? run(...(args as [string]))
      : new Promise((done) => {
          queue.push([args, done])
          start()
        })
  fn.ready = true
  w.candor = fn
  if (queue.length || launcher) start()
}
