/** The dashboard and the demo page in real Chromium: login, charts visible, XSS inert, and
 * no Content-Security-Policy violation. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasBrowser, launchBrowser } from '../../../test/e2e/support/browser'
import { type ServerHandle, serve } from '../src/serve.js'

const TOKEN = 'browser-test-admin-token'
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

describe.runIf(hasBrowser)('dashboard in Chromium', () => {
  let server: ServerHandle
  let browser: Browser

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-browser-'))
    // A stand-in loader proves the demo page's inline scripts ran under its CSP.
    writeFileSync(
      join(dir, 'candor.js'),
      'document.body.dataset.queued = String(window.candor.q.length)',
    )
    server = await serve({
      port: 0,
      dbPath: join(dir, 'candor.db'),
      adminToken: TOKEN,
      staticDir: dir,
    })
    const key = server.demo!.projectKey
    const now = Date.now()
    const ev = (i: number, extra: object) => ({
      id: `ev-browser-${i}`,
      time: now - i * 86_400_000,
      installId: `install-${i}`,
      ...extra,
    })
    const events = [
      ...[10, 9, 7, 3, 0].map((score, i) =>
        ev(i, {
          type: 'response',
          surveyId: 'nps-demo',
          responseId: `resp-browser-${i}`,
          answers: { score, why: i === 0 ? XSS : 'ok' },
          finished: true,
        }),
      ),
      ...[5, 6, 7, 8].map((i) => ev(i, { type: 'display', surveyId: 'nps-demo' })),
    ]
    const res = await fetch(`${server.url}/v1/p/${key}/events`, {
      method: 'POST',
      body: JSON.stringify({ sentAt: now, events }),
    })
    expect((await res.json()).accepted).toBe(events.length)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function watchedPage(): Promise<{ page: Page; cspErrors: string[] }> {
    const page = await browser.newPage()
    page.setDefaultTimeout(5000)
    const cspErrors: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text())
    })
    page.on('dialog', (d) => {
      cspErrors.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    return { page, cspErrors }
  }

  it('logs in, shows charts, and keeps an XSS answer inert', async () => {
    const { page, cspErrors } = await watchedPage()
    await page.goto(`${server.url}/dashboard`)
    await page.getByLabel('Admin token').fill('wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').waitFor()
    await page.getByLabel('Admin token').fill(TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Demo' }).click()
    expect(page.url()).not.toContain(TOKEN)
    await page.getByRole('link', { name: 'Demo NPS' }).click()

    for (const name of [
      'NPS breakdown',
      'Score distribution',
      'Per-day trend of displays and responses',
    ]) {
      const chart = page.getByRole('img', { name }).first()
      await chart.waitFor()
      const box = await chart.boundingBox()
      expect(box!.width).toBeGreaterThan(200)
      expect(box!.height).toBeGreaterThan(30)
    }
    // Styles loaded from 'self' under the CSP: the KPI cards are laid out as a grid.
    expect(await page.locator('.kpis').evaluate((el) => getComputedStyle(el).display)).toBe('grid')
    // NPS of 10, 9, 7, 3, 0: 2 promoters, 2 detractors → 0.
    expect(await page.locator('.nps-score').textContent()).toBe('0')
    // The answer shows as literal text.
    expect(await page.locator('blockquote', { hasText: XSS }).count()).toBe(1)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(await page.locator('main img').count()).toBe(0)
    expect(cspErrors).toEqual([])
    const cookies = await page.context().cookies()
    expect(cookies.find((c) => c.name === 'candor_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    })
    await page.close()
  })

  it('runs the demo page inline scripts under its CSP', async () => {
    const { page, cspErrors } = await watchedPage()
    await page.goto(`${server.url}/demo`)
    await expect.poll(() => page.locator('body').getAttribute('data-queued')).toBe('2')
    await page.getByRole('button', { name: 'Track an event' }).click()
    await page.getByText('Event tracked.').waitFor()
    expect(cspErrors).toEqual([])
    await page.close()
  })
})
