/**
 * The page going away with events not yet sent (real Chromium, real server): one keepalive
 * request on pagehide delivers them, and a later load does not store them twice.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTab, routeTestPage, savedCount, serverEvents, trackCounts } from './delivery-page'
import { hasBrowser, launchBrowser } from './support/browser'
import { eventually, startServer } from './support/server'

describe.runIf(hasBrowser)('delivery: page unload', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('sends what is waiting with one keepalive request when the tab closes', async (ctx) => {
    const server = await startServer()
    ctx.onTestFinished(() => server.stop())
    const context = await browser.newContext()
    // Nothing would be sent for a minute but for the unload send (so it is what delivered).
    await routeTestPage(context, server, { flushDelay: 60_000, interval: 60_000 })
    const page = await openTab(context, server)
    await page.waitForTimeout(300) // the start-up flush finds nothing
    await page.evaluate(() => {
      for (let i = 0; i < 30; i++)
        (window as unknown as { candor: { track(n: string): void } }).candor.track(`bye-${i}`)
    })
    await eventually(
      () => savedCount(page),
      (n) => n >= 30,
    )
    expect(trackCounts(await serverEvents(server)).size).toBe(0)
    await page.close({ runBeforeUnload: true })
    const events = await eventually(
      () => serverEvents(server),
      (ev) => trackCounts(ev).size === 30,
    )
    expect([...trackCounts(events).values()].every((n) => n === 1)).toBe(true)
    // A new tab may resend what it cannot know was acked; the server keeps one of each.
    const again = await openTab(context, server)
    await again.evaluate(() =>
      (window as unknown as { candor: { flush(): Promise<unknown> } }).candor.flush(),
    )
    expect([...trackCounts(await serverEvents(server)).values()].every((n) => n === 1)).toBe(true)
    await context.close()
  })
})
