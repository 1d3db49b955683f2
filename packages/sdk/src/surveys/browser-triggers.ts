/**
 * Browser trigger sources for the survey engine: page views (first load and SPA route changes),
 * clicks on the surveys' CSS selectors, scroll depth and exit intent. Returns a cleanup that
 * removes every listener and restores patched history methods.
 */
import type { BrowserSurveyEngine } from './engine'

type Off = () => void

export const watchBrowser = (engine: BrowserSurveyEngine, w: Window = window): Off => {
  const d = w.document
  const h = w.history
  const offs: Off[] = []
  let stopped = false
  let maxScroll = 0
  const on = (t: EventTarget, type: string, fn: (e: never) => void, opt?: boolean | object) => {
    t.addEventListener(type, fn as EventListener, opt)
    offs.push(() => t.removeEventListener(type, fn as EventListener, opt))
  }
  const page = () => {
    if (stopped) return
    maxScroll = 0
    engine.onPageview(w.location.href)
  }

  // Capture phase: an app calling stopPropagation must not hide the click from us.
  on(
    d,
    'click',
    (e: Event) => {
      const el = e.target as Element | null
      for (const selector of engine.selectors)
        try {
          if (el?.closest?.(selector)) engine.onTrigger('click', { selector })
        } catch {
          // An invalid selector in a survey must not break the host page.
        }
    },
    true,
  )

  // Report only a new maximum depth, so scrolling back and forth does not re-trigger.
  on(
    w,
    'scroll',
    () => {
      const range = d.documentElement.scrollHeight - w.innerHeight
      const percent = range > 0 ? Math.min(100, Math.round((w.scrollY / range) * 100)) : 100
      if (percent > maxScroll) {
        maxScroll = percent
        engine.onTrigger('scroll', { percent })
      }
    },
    { passive: true },
  )

  // The pointer leaving through the top edge of the viewport (towards tabs / address bar).
  on(d, 'mouseout', (e: MouseEvent) => {
    if (!e.relatedTarget && e.clientY <= 0) engine.onTrigger('exit-intent')
  })

  // SPA route changes: the Navigation API sees pushState, replaceState and traversals alike.
  const nav = (w as { navigation?: EventTarget }).navigation
  if (nav) on(nav, 'currententrychange', page)
  else {
    for (const k of ['pushState', 'replaceState'] as const) {
      const orig = h[k]
      const patched: History[typeof k] = function (this: History, ...args) {
        const r = orig.apply(this, args)
        page()
        return r
      }
      h[k] = patched
      // Restore only if nobody patched on top of us; otherwise `stopped` makes ours a no-op.
      offs.push(() => {
        if (h[k] === patched) h[k] = orig
      })
    }
    on(w, 'popstate', page)
  }

  page()
  return () => {
    stopped = true
    for (const off of offs.splice(0)) off()
  }
}
