/**
 * Real Chromium + axe-core: every question type, the thank-you state and the launcher's form,
 * in light and dark mode, report zero violations (contrast included).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { SurveyInput } from '../../packages/sdk/src/schema'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey, useWidgetSite } from './widget-site'

type Q = SurveyInput['questions'][number]
const options = [
  { id: 'free', label: 'Free' },
  { id: 'pro', label: 'Pro' },
]
const cases: Record<string, Q> = {
  nps: { id: 'q', type: 'nps', title: 'How likely are you to recommend us?', required: true },
  'rating-number-10': { id: 'q', type: 'rating', title: 'Rate us', scale: 10, display: 'number' },
  'rating-star-5': { id: 'q', type: 'rating', title: 'Rate us', scale: 5, display: 'star' },
  'rating-emoji-3': { id: 'q', type: 'rating', title: 'Rate us', scale: 3, display: 'emoji' },
  'rating-number-7': { id: 'q', type: 'rating', title: 'Rate us', scale: 7 },
  csat: { id: 'q', type: 'csat', title: 'How satisfied are you?', description: 'One to five.' },
  ces: { id: 'q', type: 'ces', title: 'How easy was it?' },
  single: {
    id: 'q',
    type: 'single',
    title: 'Your plan?',
    options,
    allowOther: true,
    shuffle: true,
  },
  multi: { id: 'q', type: 'multi', title: 'What do you use?', options, allowOther: true },
  text: { id: 'q', type: 'text', title: 'Anything else?', maxLength: 200, placeholder: 'Type' },
  textarea: { id: 'q', type: 'text', title: 'Anything else?', multiline: true },
  cta: { id: 'q', type: 'cta', title: 'Try the new editor', buttonLabel: 'Open', url: '/x' },
  consent: { id: 'q', type: 'consent', title: 'Contact', label: 'You may email me' },
}

async function axe(page: Page) {
  await page.addScriptTag({ url: '/axe.js' })
  return page.evaluate(async () => {
    // Measure the settled colours, not a frame of the fade-in.
    const root = document.querySelector('candor-widget')!.shadowRoot!
    await Promise.all(root.getAnimations().map((a) => a.finished))
    const r = await (
      window as unknown as {
        axe: { run(c: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> }
      }
    ).axe.run(document)
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes).slice(0, 300)}`)
  })
}

describe.runIf(hasBrowser)('widget accessibility with axe-core (Chromium)', () => {
  const w = useWidgetSite((site) => {
    site.surveys = Object.entries(cases).map(([id, q]) => ({ id, name: id, questions: [q] }))
  })

  for (const scheme of ['light', 'dark'] as const)
    it(`every question type: 0 violations (${scheme})`, async () => {
      const page = await w.browser.newPage({ colorScheme: scheme })
      await openPage(page, w.site.page())
      const found: Record<string, string[]> = {}
      for (const id of Object.keys(cases)) {
        await showSurvey(page, id)
        const dialog = page.getByRole('dialog')
        await dialog.waitFor()
        // Reveal the "other" field too, so it is checked.
        if (id === 'single' || id === 'multi')
          await dialog.getByRole(id === 'single' ? 'radio' : 'checkbox', { name: 'Other' }).check()
        const v = await axe(page)
        if (v.length) found[id] = v
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'detached' })
      }
      expect(found).toEqual({})
      await page.close()
    })

  it('the required error, the thank-you state and the launcher form: 0 violations', async () => {
    const page = await w.browser.newPage()
    await openPage(page, w.site.page({ launcher: true }))
    await showSurvey(page, 'nps')
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Submit' }).click()
    await dialog.getByRole('alert').waitFor()
    expect(await axe(page)).toEqual([])
    await dialog.getByRole('radio', { name: '8', exact: true }).click()
    await dialog.getByRole('heading', { name: 'Thank you!' }).waitFor()
    expect(await axe(page)).toEqual([])
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Feedback' }).click()
    await page.getByRole('dialog', { name: 'Feedback' }).waitFor()
    expect(await axe(page)).toEqual([])
    await page.close()
  })
})
