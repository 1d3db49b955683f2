import { describe, expect, it } from 'vitest'
import { hasBrowser } from './support/browser'
import { openPage, showSurvey, useWidgetSite } from './widget-site'

describe.runIf(hasBrowser)("widget under CSP default-src 'self' (Chromium)", () => {
  const w = useWidgetSite((site) => {
    site.surveys = [
      {
        id: 'csp',
        name: 'csp',
        questions: [{ id: 'score', type: 'nps', title: 'Recommanderiez-vous ?', required: true }],
        appearance: { anchor: '#anchor' },
      },
    ]
  })

  it('loads, styles and answers with no violation', async () => {
    const page = await w.browser.newPage()
    const problems: string[] = []
    page.on('console', (m) => {
      if (/content security policy|refused/i.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    // Runs before the page's own scripts (injected by the w.browser, so CSP does not apply).
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.log(`content security policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      )
    })
    const res = await openPage(page, w.site.page({ csp: true, locale: 'fr' }))
    expect(res?.headers()['content-security-policy']).toBe("default-src 'self'")
    await showSurvey(page, 'csp')
    const dialog = page.getByRole('dialog', { name: 'Recommanderiez-vous ?' })
    await dialog.waitFor()
    // Styled by the adopted stylesheet, French strings from their chunk, placed by floating-ui.
    await page.waitForFunction(() => {
      const d = document.querySelector('candor-widget')!.shadowRoot!.querySelector('.d')!
      return getComputedStyle(d).position === 'fixed' && d.getBoundingClientRect().top > 0
    })
    expect(await dialog.getByRole('button', { name: 'Fermer' }).count()).toBe(1)
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Merci !' }).waitFor()
    await expect
      .poll(() => w.site.events.filter((e) => e.type === 'response').map((e) => e.answers))
      .toEqual([{ score: 10 }])
    expect(problems).toEqual([])
    await page.close()
  })
})
