/**
 * Real Chromium: the core chunk (candor-core.js: the SDK and its survey engine) is fetched only
 * on the first command; candor-ui.js only when something shows, and then only the chunks that
 * survey needs (its locale; floating-ui only for an anchor). Reduced motion: no animation.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey, useWidgetSite } from './widget-site'

/** Names of the widget chunks the page fetched: "core", "ui", "fr", "anchor", … */
const chunks = (page: Page) => {
  const names: string[] = []
  page.on('request', (r) => {
    const m = /\/candor-([a-z]+)\.[0-9a-f]+\.js$/.exec(r.url())
    if (m) names.push(m[1]!)
  })
  return names
}

describe.runIf(hasBrowser)('widget chunks load on demand (Chromium)', () => {
  const w = useWidgetSite((site) => {
    site.surveys = [
      {
        id: 'plain',
        name: 'plain',
        questions: [{ id: 'q', type: 'nps', title: 'NPS?' }],
        translations: { de: { questions: { q: { title: 'Empfehlen?' } } } },
      },
    ]
  })

  it('with consent pending and no command, candor.js fetches nothing: not even the core', async () => {
    const page = await w.browser.newPage()
    const fetched = chunks(page)
    const config = page
      .waitForResponse((r) => r.url().endsWith('/config'), { timeout: 1000 })
      .catch(() => null)
    await page.goto(w.site.page({ pending: true }))
    await page.waitForFunction(() => (window as { candor?: { ready?: boolean } }).candor?.ready)
    expect(await config).toBeNull()
    expect(fetched).toEqual([])
    // The first command brings the core, which runs it.
    const configAfter = page.waitForResponse((r) => r.url().endsWith('/config'))
    await page.evaluate(() =>
      (window as unknown as { candor(...a: unknown[]): void }).candor('consent', 'granted'),
    )
    await configAfter
    expect(fetched).toEqual(['core'])
    await page.close()
  })

  it('a page where nothing shows fetches the core but never the UI chunk', async () => {
    const page = await w.browser.newPage()
    const fetched = chunks(page)
    await openPage(page, w.site.page())
    await page.waitForTimeout(1000)
    expect(fetched).toEqual(['core'])
    expect(await page.locator('candor-widget').count()).toBe(0)
    await page.close()
  })

  it('a German survey fetches the UI and the German strings, nothing else', async () => {
    const page = await w.browser.newPage()
    const fetched = chunks(page)
    await openPage(page, w.site.page({ locale: 'de-DE' }))
    await showSurvey(page, 'plain')
    await page.getByRole('dialog', { name: 'Empfehlen?' }).waitFor()
    await page.getByRole('button', { name: 'Schließen' }).waitFor()
    expect(fetched.sort()).toEqual(['core', 'de', 'ui'])
    await page.close()
  })

  it('the launcher loads the UI at once; English needs no locale chunk', async () => {
    const page = await w.browser.newPage()
    const fetched = chunks(page)
    await openPage(page, w.site.page({ launcher: true }))
    await page.getByRole('button', { name: 'Feedback' }).waitFor()
    expect(fetched.sort()).toEqual(['core', 'ui'])
    await page.close()
  })

  it('prefers-reduced-motion: the dialog appears without animation', async () => {
    const page = await w.browser.newPage({ reducedMotion: 'reduce' })
    await openPage(page, w.site.page())
    await showSurvey(page, 'plain')
    await page.getByRole('dialog').waitFor()
    const count = () =>
      page.evaluate(
        () => document.querySelector('candor-widget')!.shadowRoot!.getAnimations().length,
      )
    expect(await count()).toBe(0)
    await page.keyboard.press('Escape')
    await page.emulateMedia({ reducedMotion: 'no-preference' })
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await showSurvey(page, 'plain')
    await page.getByRole('dialog').waitFor()
    expect(await count()).toBe(1)
    await page.close()
  })
})
