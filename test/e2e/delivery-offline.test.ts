/**
 * Offline in real Chromium against the real server: 3 survey answers and 100 usage events
 * made offline, the tab closed, a new tab opened, the network back: each stored exactly once.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SurveyApi } from '../../packages/sdk/src/types'
import { openTab, routeTestPage, savedCount, serverEvents, trackCounts } from './delivery-page'
import { hasBrowser, launchBrowser } from './support/browser'
import { eventually, startServer } from './support/server'

type Win = { candor: { show(id: string): void }; apis: SurveyApi[] }

describe.runIf(hasBrowser)('delivery: offline, tab closed, new tab, online', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('stores each survey answer and usage event exactly once', async (ctx) => {
    const server = await startServer()
    ctx.onTestFinished(() => server.stop())
    const context = await browser.newContext()
    await routeTestPage(context, server)

    // Online first: the survey config is fetched and cached, the demo survey shows.
    const first = await openTab(context, server)
    await first.waitForFunction(() => (window as unknown as Win).apis.length === 1)
    // Offline. The server is stopped too: a closing tab's keepalive request outlives its page
    // and with it the page's offline emulation, but it cannot reach a server that is down.
    await context.setOffline(true)
    server.kill()

    // Offline: three answers to the demo NPS (two steps each), then 100 usage events.
    await first.evaluate(async () => {
      const w = window as unknown as Win
      for (let i = 0; i < 3; i++) {
        if (i > 0) {
          w.candor.show('nps-demo')
          const n = i + 1
          for (let t = 0; t < 100 && w.apis.length < n; t++)
            await new Promise((r) => setTimeout(r, 20))
        }
        const api = w.apis[i]!
        api.answer('score', 7 + i)
        api.answer('why', `offline answer ${i}`)
      }
      for (let i = 0; i < 100; i++)
        (window as unknown as { candor: { track(n: string): void } }).candor.track(`offline-${i}`)
    })
    // 3 displays after the first (sent or not) + 6 answer steps + 100 events, all saved.
    await first.waitForFunction(
      () =>
        (window as unknown as { notices: { type: string }[] }).notices.filter(
          (n) => n.type === 'saved',
        ).length >= 108,
    )
    expect(await savedCount(first)).toBeGreaterThanOrEqual(108)
    await first.close()

    // A new tab, still offline (the page itself comes from the route), then the network returns.
    const second = await openTab(context, server)
    await second.waitForTimeout(500)
    await server.start()
    await context.setOffline(false)

    const events = await eventually(
      () => serverEvents(server),
      (ev) => trackCounts(ev).size === 100 && ev.filter((e) => e.type === 'response').length === 6,
      20_000,
    )
    const counts = trackCounts(events)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length)
    const responses = (await server.responses()).filter((r) => r.answers.score !== undefined)
    expect(responses.map((r) => [r.answers.score, r.answers.why, r.finished]).sort()).toEqual([
      [7, 'offline answer 0', true],
      [8, 'offline answer 1', true],
      [9, 'offline answer 2', true],
    ])
    // Later loads send nothing again (each load's own survey display aside).
    await second.reload()
    await second.waitForTimeout(1500)
    const after = (await serverEvents(server)).filter((e) => e.type !== 'display')
    expect(after.length).toBe(events.filter((e) => e.type !== 'display').length)
    await context.close()
  })
})
