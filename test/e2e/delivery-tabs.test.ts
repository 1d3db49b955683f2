/**
 * Two tabs of one origin producing at once, in real Chromium against the real server: every
 * event stored exactly once, and only one tab sending at a time (Web Locks).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTab, routeTestPage, serverEvents, trackCounts } from './delivery-page'
import { hasBrowser, launchBrowser } from './support/browser'
import { eventually, startServer } from './support/server'

describe.runIf(hasBrowser)('delivery: two tabs at once', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('stores each event exactly once with one sender at a time', async (ctx) => {
    const server = await startServer()
    ctx.onTestFinished(() => server.stop())
    const context = await browser.newContext()
    await routeTestPage(context, server, { batchCount: 10, flushDelay: 50, interval: 200 })
    // Watch every events request of both tabs: when it started and when its answer came.
    const spans: { start: number; end: number; status: number }[] = []
    await context.route('**/v1/p/*/events', async (route) => {
      const start = performance.now()
      const response = await route.fetch()
      spans.push({ start, end: performance.now(), status: response.status() })
      await route.fulfill({ response })
    })
    const tabs = [await openTab(context, server), await openTab(context, server)]
    await Promise.all(
      tabs.map((page, t) =>
        page.evaluate(async (t) => {
          const c = (window as unknown as { candor: { track(n: string): void; flush(): void } })
            .candor
          for (let i = 0; i < 150; i++) {
            c.track(`tab${t}-${i}`)
            if (i % 10 === 0) {
              c.flush()
              await new Promise((r) => setTimeout(r, 5))
            }
          }
        }, t),
      ),
    )
    const events = await eventually(
      () => serverEvents(server),
      (ev) => trackCounts(ev).size === 300,
      20_000,
    )
    expect([...trackCounts(events).values()].every((n) => n === 1)).toBe(true)
    expect(spans.length).toBeGreaterThan(20)
    expect(spans.every((s) => s.status === 200)).toBe(true)
    const sorted = [...spans].sort((a, b) => a.start - b.start)
    const overlaps = sorted.filter((s, i) => i > 0 && s.start < sorted[i - 1]!.end)
    expect(overlaps).toEqual([])
    await context.close()
  })
})
