/**
 * The vertical slice in real Chromium: the /demo page's NPS survey answered with the keyboard
 * travels through the IndexedDB outbox to the server exactly once, online and offline.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hasBrowser, launchBrowser } from './support/browser'
import { eventually, startServer, type TestServer } from './support/server'

describe.runIf(hasBrowser)('demo page, end to end', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async (ctx) => {
    server = await startServer()
    ctx.onTestFinished(() => server.stop())
  })

  /** Answer the demo NPS with the keyboard only: arrows to 9, Enter, then finish the rest. */
  async function answerNpsByKeyboard(page: Page) {
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    const nine = dialog.getByRole('radio', { name: /^9\b/ })
    // Focus starts inside the dialog; reach the radio group by keyboard.
    for (let i = 0; i < 10 && !(await dialog.getByRole('radio').first().evaluate(isFocusedIn)); i++)
      await page.keyboard.press('Tab')
    for (let i = 0; i < 20 && !(await nine.isChecked()); i++)
      await page.keyboard.press('ArrowRight')
    expect(await nine.isChecked()).toBe(true)
    await page.keyboard.press('Enter')
    // Later questions (if the survey branches there): type an answer and submit with Enter.
    const text = dialog.getByRole('textbox')
    if (await text.isVisible().catch(() => false)) {
      await text.focus()
      await page.keyboard.type('Faster exports, please')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
    }
    await dialog.getByText(/thank/i).waitFor()
  }

  it('answering the NPS by keyboard stores exactly one response', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/demo`)
    await answerNpsByKeyboard(page)
    const rows = await eventually(
      () => server.responses(),
      (r) => r.length > 0 && r.every((x) => x.finished),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.answers.score).toBe(9)
    await page.close()
  })

  it('an answer given offline survives a reload and arrives exactly once', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.url}/demo`)
    // The survey is on screen (config and UI chunk loaded); then the network goes away.
    await page.getByRole('dialog').waitFor()
    await context.setOffline(true)
    await answerNpsByKeyboard(page)
    expect(await server.responses()).toHaveLength(0)
    // Reloading while offline fails: the page and its memory are gone, the outbox is not.
    await page.reload().catch(() => undefined)
    await context.setOffline(false)
    await page.goto(`${server.url}/demo`)
    const rows = await eventually(
      () => server.responses(),
      (r) => r.length > 0 && r.every((x) => x.finished),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.answers.score).toBe(9)
    // Another page load later must not send it again.
    await page.reload()
    await page.waitForTimeout(1500)
    expect(await server.responses()).toHaveLength(1)
    await context.close()
  })
})

function isFocusedIn(el: Element): boolean {
  const root = el.getRootNode() as Document | ShadowRoot
  const active = root.activeElement
  return (
    !!active &&
    (active === el ||
      active.getAttribute('role') === 'radio' ||
      active.matches('input[type=radio]'))
  )
}
