/**
 * Server faults in real Chromium against the real server: a stretch of 503 with Retry-After,
 * and the server process killed and restarted in the middle of a flush. Nothing is lost and
 * nothing is stored twice.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTab, routeTestPage, serverEvents, trackCounts } from './delivery-page'
import { hasBrowser, launchBrowser } from './support/browser'
import { eventually, startServer } from './support/server'

type Win = { candor: { track(n: string): void; flush(): Promise<unknown> } }

describe.runIf(hasBrowser)('delivery: server faults', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('503 with Retry-After for a while, then healthy: waits as told, loses nothing', async (ctx) => {
    const server = await startServer()
    ctx.onTestFinished(() => server.stop())
    const context = await browser.newContext()
    await routeTestPage(context, server, { baseDelay: 100, interval: 200 })
    // The first three sends meet an overloaded server asking for 2 s of quiet.
    const attempts: number[] = []
    await context.route('**/v1/p/*/events', async (route) => {
      attempts.push(Date.now())
      if (attempts.length <= 3)
        return route.fulfill({
          status: 503,
          headers: { 'retry-after': '2', 'content-type': 'application/json' },
          body: '{"error":{"code":"unavailable","message":"busy"}}',
        })
      return route.continue()
    })
    const page = await openTab(context, server)
    await page.evaluate(() => {
      for (let i = 0; i < 50; i++) (window as unknown as Win).candor.track(`busy-${i}`)
    })
    const events = await eventually(
      () => serverEvents(server),
      (ev) => trackCounts(ev).size === 50,
      20_000,
    )
    expect([...trackCounts(events).values()].every((n) => n === 1)).toBe(true)
    expect(attempts.length).toBeGreaterThanOrEqual(4)
    // Every send after a 503 came at least the 2 s Retry-After later.
    for (let i = 1; i <= 3; i++)
      expect(attempts[i]! - attempts[i - 1]!).toBeGreaterThanOrEqual(1950)
    await context.close()
  })

  it('the server killed mid-flush and restarted: nothing lost, nothing doubled', async (ctx) => {
    const server = await startServer()
    ctx.onTestFinished(() => server.stop())
    const context = await browser.newContext()
    await routeTestPage(context, server, {
      batchCount: 5,
      baseDelay: 200,
      maxDelay: 1000,
      interval: 300,
    })
    let sends = 0
    let restarted: Promise<void> | undefined
    await context.route('**/v1/p/*/events', async (route) => {
      const n = ++sends
      await route.continue()
      // The 15th request is on its way to the server when the process dies (SIGKILL).
      if (n === 15) {
        server.kill()
        restarted = new Promise((r) => setTimeout(r, 1500)).then(() => server.start())
      }
    })
    const page = await openTab(context, server)
    await page.evaluate(() => {
      for (let i = 0; i < 400; i++) (window as unknown as Win).candor.track(`crash-${i}`)
    })
    await eventually(
      async () => restarted !== undefined,
      (v) => v,
      20_000,
    )
    await restarted
    const events = await eventually(
      () => serverEvents(server),
      (ev) => trackCounts(ev).size === 400,
      30_000,
    )
    expect([...trackCounts(events).values()].every((n) => n === 1)).toBe(true)
    expect(events.filter((e) => e.type === 'track')).toHaveLength(400)
    await context.close()
  })
})
