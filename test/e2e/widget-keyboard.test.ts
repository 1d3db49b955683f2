/**
 * Real Chromium: every placement (four corners, center modal, anchored with floating-ui) is
 * answerable with the keyboard alone, sits where it says, and Escape/Tab behave as a dialog.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { SurveyInput } from '../../packages/sdk/src/schema'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey as show, useWidgetSite } from './widget-site'

const questions: SurveyInput['questions'] = [
  { id: 'score', type: 'nps', title: 'How likely are you to recommend us?', required: true },
  { id: 'why', type: 'text', title: 'What should we improve?' },
]

/** The focused element, looking into the widget's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let a = document.activeElement
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement
    return a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}:${a.textContent}` : ''
  })

describe.runIf(hasBrowser)('widget placements by keyboard alone (Chromium)', () => {
  const w = useWidgetSite((site) => {
    site.surveys = [
      ...(['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const).map(
        (placement) => ({ id: placement, name: placement, questions, appearance: { placement } }),
      ),
      { id: 'anchored', name: 'anchored', questions, appearance: { anchor: '#anchor' } },
    ]
  })

  const W = 1000
  const H = 700
  const where: Record<string, (b: DOMRect, a: DOMRect) => boolean> = {
    'bottom-right': (b) => Math.abs(W - b.right - 16) < 2 && Math.abs(H - b.bottom - 16) < 2,
    'bottom-left': (b) => Math.abs(b.left - 16) < 2 && Math.abs(H - b.bottom - 16) < 2,
    'top-right': (b) => Math.abs(W - b.right - 16) < 2 && Math.abs(b.top - 16) < 2,
    'top-left': (b) => Math.abs(b.left - 16) < 2 && Math.abs(b.top - 16) < 2,
    center: (b) =>
      Math.abs(b.left + b.width / 2 - W / 2) < 2 && Math.abs(b.top + b.height / 2 - H / 2) < 2,
    // Below the button (offset 8), horizontally centred on it unless shifted into view.
    anchored: (b, a) => Math.abs(b.top - a.bottom - 8) < 2 && b.left >= 0 && b.right <= W,
  }

  for (const id of Object.keys(where)) {
    it(`${id}: placed right, answered with arrows, Enter and typing`, async () => {
      const page = await w.browser.newPage({ viewport: { width: W, height: H } })
      await openPage(page, w.site.page())
      await show(page, id)
      const dialog = page.getByRole('dialog', { name: 'How likely are you to recommend us?' })
      await dialog.waitFor()
      // floating-ui positions asynchronously (its chunk is fetched first).
      await page.waitForFunction((anchored) => {
        const d = document.querySelector('candor-widget')?.shadowRoot?.querySelector('.d')
        return !!d && (!anchored || d.getBoundingClientRect().top > 0)
      }, id === 'anchored')
      const box = await page.evaluate(() =>
        document
          .querySelector('candor-widget')!
          .shadowRoot!.querySelector('.d')!
          .getBoundingClientRect()
          .toJSON(),
      )
      const anchor = await page.evaluate(() =>
        document.getElementById('anchor')!.getBoundingClientRect().toJSON(),
      )
      expect(where[id]!(box, anchor), JSON.stringify(box)).toBe(true)

      expect(await focused(page)).toBe('button:0')
      for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight')
      expect(await dialog.getByRole('radio', { name: '7', exact: true }).isChecked()).toBe(true)
      await page.keyboard.press('Enter')
      await page.getByRole('textbox', { name: 'What should we improve?' }).waitFor()
      await page.keyboard.type('Faster exports')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
      await expect
        .poll(() =>
          w.site.events
            .filter((e) => e.type === 'response' && e.surveyId === id)
            .map((e) => [e.answers, e.finished]),
        )
        .toEqual([
          [{ score: 7 }, false],
          [{ why: 'Faster exports' }, true],
        ])
      await page.close()
    })
  }

  it('Tab stays in the dialog, Escape dismisses, focus returns to the page button', async () => {
    const page = await w.browser.newPage({ viewport: { width: W, height: H } })
    await openPage(page, w.site.page())
    await page.focus('#before')
    await show(page, 'center')
    await page.getByRole('dialog').waitFor()
    const seen = new Set<string>()
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      seen.add(await focused(page))
    }
    // Radio group (one stop), Next, Close: and round again, never the page.
    expect([...seen].sort()).toEqual(['button:0', 'button:Next', 'button:×'])
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('button#before:A page button')
    await expect
      .poll(() => w.site.events.filter((e) => e.type === 'dismiss' && e.surveyId === 'center'))
      .toHaveLength(1)
    await page.close()
  })

  it('offline: the thank-you says "saved, will send", and the answer arrives once back online', async () => {
    const context = await w.browser.newContext()
    const page = await context.newPage()
    await openPage(page, w.site.page())
    await show(page, 'top-left')
    await page.getByRole('dialog').waitFor()
    await context.setOffline(true)
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.getByRole('textbox').waitFor()
    await page.keyboard.press('Enter')
    await page.getByText('Saved. It will be sent when you are back online.').first().waitFor()
    const live = await page.evaluate(
      () =>
        document.querySelector('candor-widget')!.shadowRoot!.querySelector('[role=status]')!
          .textContent,
    )
    expect(live).toBe('Thank you! Saved. It will be sent when you are back online.')
    const sent = () =>
      w.site.events.filter((e) => e.type === 'response' && e.surveyId === 'top-left' && e.finished)
    const before = sent().length
    await context.setOffline(false)
    await expect.poll(() => sent().length, { timeout: 15_000 }).toBe(before + 1)
    await context.close()
  })
})
