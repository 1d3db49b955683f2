/**
 * SPA route changes in real Chromium: a survey targeted at a route shows after its delay when
 * the app navigates there with history.pushState, and a pending delayed survey is cancelled
 * when the app leaves the route before the delay ends.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasBrowser } from './support/browser'
import { openPage, useWidgetSite } from './widget-site'

const go = (page: Page, path: string) => page.evaluate((p) => history.pushState({}, '', p), path)

describe.runIf(hasBrowser)('SPA route changes (Chromium)', () => {
  const w = useWidgetSite((site) => {
    site.surveys = [
      {
        id: 'pricing',
        name: 'Pricing page survey',
        frequency: { mode: 'always' },
        questions: [{ id: 'score', type: 'nps', title: 'How clear is our pricing?' }],
        triggers: [
          { type: 'pageview', url: { match: 'starts', value: '/pricing' } },
          { type: 'delay', seconds: 1 },
        ],
      },
    ]
  })

  it('shows the survey after its delay on a pushState route change to the matching route', async () => {
    const page = await w.browser.newPage()
    await openPage(page, w.site.page())
    await page.waitForTimeout(1500)
    expect(await page.getByRole('dialog').count()).toBe(0)
    await go(page, '/pricing/teams')
    await page.getByRole('dialog').waitFor({ timeout: 5000 })
    expect(await page.getByRole('dialog').getByText('How clear is our pricing?').count()).toBe(1)
    await page.close()
  })

  it('cancels the pending delayed survey when the app leaves the route in time', async () => {
    const page = await w.browser.newPage()
    await openPage(page, w.site.page())
    await go(page, '/pricing')
    await page.waitForTimeout(300)
    await go(page, '/docs')
    await page.waitForTimeout(2000)
    expect(await page.getByRole('dialog').count()).toBe(0)
    // Coming back starts a fresh wait, and the survey shows.
    await page.goBack()
    await page.getByRole('dialog').waitFor({ timeout: 5000 })
    await page.close()
  })
})
