import { describe, expect, it } from 'vitest'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey, useWidgetSite } from './widget-site'

const cases = [
  { locale: 'ar', title: 'ما مدى احتمال أن توصي بنا؟', close: 'إغلاق', low: 'غير محتمل' },
  { locale: 'he', title: 'עד כמה סביר שתמליצו עלינו?', close: 'סגירה', low: 'לא סביר' },
]

describe.runIf(hasBrowser)('widget right to left (Chromium)', () => {
  const w = useWidgetSite((site) => {
    site.surveys = [
      {
        id: 'rtl',
        name: 'rtl',
        questions: [{ id: 'score', type: 'nps', title: 'How likely are you to recommend us?' }],
        translations: Object.fromEntries(
          cases.map((c) => [c.locale, { questions: { score: { title: c.title } } }]),
        ),
      },
    ]
  })

  for (const c of cases)
    it(`${c.locale}: dir=rtl, translated strings, the scale runs right to left`, async () => {
      const page = await w.browser.newPage()
      await openPage(page, w.site.page({ locale: c.locale }))
      await showSurvey(page, 'rtl')
      const dialog = page.getByRole('dialog', { name: c.title })
      await dialog.waitFor()
      const layout = await page.evaluate(() => {
        const root = document.querySelector('candor-widget')!.shadowRoot!
        const d = root.querySelector('.d')!
        const r = [...root.querySelectorAll('[role=radio]')].map((b) => b.getBoundingClientRect())
        const x = root.querySelector('.x')!.getBoundingClientRect()
        return {
          direction: getComputedStyle(d).direction,
          zeroRight: r[0]!.left > r[10]!.left,
          closeLeft: x.left - d.getBoundingClientRect().left < 60,
        }
      })
      expect(layout).toEqual({ direction: 'rtl', zeroRight: true, closeLeft: true })
      expect(await dialog.getByRole('button', { name: c.close }).count()).toBe(1)
      expect(await dialog.getByText(c.low).count()).toBe(1)
      // The arrow key that points left moves to the next value in RTL.
      await page.keyboard.press('ArrowLeft')
      expect(await dialog.getByRole('radio', { name: '1', exact: true }).isChecked()).toBe(true)
      await page.close()
    })
})
