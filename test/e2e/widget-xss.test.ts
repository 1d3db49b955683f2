/**
 * Real Chromium: survey texts that carry HTML and `javascript:` URLs are shown as literal text
 * and never run. The test site serves the config straight (no server-side validation), as a
 * compromised or buggy collection server could.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey, useWidgetSite } from './widget-site'

const RUN = 'window.__xss=(window.__xss||0)+1'
const T = {
  title: `<img src=x onerror="${RUN}">Pick one`,
  description: `<script>${RUN}</script>Description`,
  optionA: `<svg onload="${RUN}">A</svg>`,
  optionB: `javascript:${RUN}`,
  ctaTitle: `<iframe src="javascript:${RUN}"></iframe>Go`,
  button: `<b onmouseover="${RUN}">Open</b>`,
  thanks: `<img src=x onerror="${RUN}">Thanks`,
  body: `<a href="javascript:${RUN}">link</a>`,
}

/** Tags, event-handler attributes and javascript: URLs anywhere in the widget's shadow root. */
const liveMarkup = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('candor-widget')?.shadowRoot
    if (!root) return ['no shadow root']
    const found: string[] = []
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase()
      if (['img', 'script', 'iframe', 'object', 'embed'].includes(tag)) found.push(tag)
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`)
        if (/^\s*javascript:/i.test(a.value)) found.push(`${tag}[${a.name}=${a.value}]`)
      }
    }
    return found
  })

describe.runIf(hasBrowser)('HTML in survey texts is inert in the widget (Chromium)', () => {
  const w = useWidgetSite((site) => {
    site.surveys = [
      {
        id: 'xss',
        name: T.title,
        questions: [
          {
            id: 'pick',
            type: 'single',
            title: T.title,
            description: T.description,
            options: [
              { id: 'a', label: T.optionA },
              { id: 'b', label: T.optionB },
            ],
          },
          {
            id: 'go',
            type: 'cta',
            title: T.ctaTitle,
            buttonLabel: T.button,
            url: `javascript:${RUN}`,
          },
        ],
        thankYou: { title: T.thanks, body: T.body },
      },
    ]
  })

  it('shows every text literally, renders no markup and runs nothing', async () => {
    const page = await w.browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await openPage(page, w.site.page())
    await showSurvey(page, 'xss')

    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await dialog.getByText(T.title, { exact: true }).waitFor()
    await dialog.getByText(T.description, { exact: true }).waitFor()
    expect(await dialog.getByRole('radio', { name: T.optionA }).count()).toBe(1)
    expect(await dialog.getByRole('radio', { name: T.optionB }).count()).toBe(1)
    expect(await liveMarkup(page)).toEqual([])

    await dialog.getByRole('radio', { name: T.optionB }).check()
    await dialog.getByRole('button', { name: 'Next' }).click()
    await dialog.getByText(T.ctaTitle, { exact: true }).waitFor()
    // A javascript: URL is not a link: the call to action is a plain button.
    const cta = dialog.getByRole('button', { name: T.button })
    expect(await cta.count()).toBe(1)
    expect(await dialog.getByRole('link').count()).toBe(0)
    expect(await liveMarkup(page)).toEqual([])
    await cta.hover()
    await cta.click()

    await page.getByRole('heading', { name: T.thanks }).waitFor()
    await page.getByText(T.body, { exact: true }).waitFor()
    expect(await liveMarkup(page)).toEqual([])

    // Give any late handler (image error, svg load) a chance to fire before concluding.
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(dialogs).toEqual([])
    // The answer itself went out as data.
    await page.evaluate(() =>
      (window as unknown as { candor(...a: unknown[]): void }).candor('flush'),
    )
    await expect
      .poll(() => w.site.events.filter((e) => e.type === 'response').map((e) => e.answers))
      .toContainEqual(expect.objectContaining({ pick: 'b' }))
    await page.close()
  })
})
