/**
 * Real Chromium: the survey engine chunk (candor-surveys.js) is fetched only when /config has
 * an active survey; candor-ui.js only when something shows, and then only the chunks that
 * survey needs (its locale; floating-ui only for an anchor). Reduced motion: no animation.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey, useWidgetSite } from './widget-site'

/** Names of the widget chunks the page fetched: "surveys", "ui", "fr", "anchor", … */
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

  it('with no active survey in /config, not even the survey engine chunk is fetched', async () => {
    const surveys = w.site.surveys
    w.site.surveys = []
    try {
      const page = await w.browser.newPage()
      const fetched = chunks(page)
      await openPage(page, w.site.page())
      await page.waitForTimeout(1000)
      expect(fetched).toEqual([])
      await page.close()
    } finally {
      w.site.surveys = surveys
    }
  })

  it('a page where nothing shows fetches the survey engine but never the UI chunk', async () => {
    const page = await w.browser.newPage()
    const fetched = chunks(page)
    await openPage(page, w.site.page())
    await page.waitForTimeout(1000)
    expect(fetched).toEqual(['surveys'])
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
    expect(fetched.sort()).toEqual(['de', 'surveys', 'ui'])
    await page.close()
  })

  it('the launcher loads the UI at once; English needs no locale chunk', async () => {
    const page = await w.browser.newPage()
    const fetched = chunks(page)
    // The w.site has an active survey, so the engine chunk comes too, in its own time.
    const engine = page.waitForResponse((r) => /\/candor-surveys\.[0-9a-f]+\.js$/.test(r.url()))
    await openPage(page, w.site.page({ launcher: true }))
    await page.getByRole('button', { name: 'Feedback' }).waitFor()
    await engine
    expect(fetched.sort()).toEqual(['surveys', 'ui'])
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
