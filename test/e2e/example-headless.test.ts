/**
 * examples/headless in real Chromium: @candor/sdk alone (built dist, through Vite), the page's
 * own consent choice and its own survey markup fed by `candor.on('survey')`, answered with the
 * keyboard only, checked by axe-core at each state, and found once on a real Candor server.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasBrowser, launchBrowser } from './support/browser'
import {
  axe,
  buildExample,
  type ExampleProject,
  exampleProject,
  removeDir,
  type StaticSite,
  serveStatic,
  tempDir,
} from './support/example'
import { eventually, startServer, type TestServer } from './support/server'

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null
    return el?.labels?.[0]?.textContent?.trim() || el?.textContent?.trim() || el?.tagName || ''
  })

describe.runIf(hasBrowser)('examples/headless (SDK + own UI), end to end', () => {
  let server: TestServer
  let browser: Browser
  let site: StaticSite
  let project: ExampleProject
  let dir: string

  beforeAll(async () => {
    server = await startServer()
    dir = tempDir('headless')
    site = await serveStatic(dir)
    project = await exampleProject(server, site.url, [
      'examples/headless/surveys/download-feedback.json',
    ])
    const env = { VITE_CANDOR_ENDPOINT: server.url, VITE_CANDOR_PROJECT_KEY: project.key }
    ;[browser] = await Promise.all([launchBrowser(), buildExample('headless', env, dir)])
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await server?.stop()
    removeDir(dir)
  })

  it('renders the survey in its own accessible markup and stores one response', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(site.url)
    await page.getByRole('heading', { name: 'Monthly report' }).waitFor()
    expect(await axe(page)).toEqual([])

    // Consent by keyboard: the first radio, then an arrow to "Surveys only".
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Yes')
    await page.keyboard.press('ArrowDown')
    expect(await page.getByRole('radio', { name: 'Surveys only' }).isChecked()).toBe(true)

    // The feature: its track call triggers the survey (usage events are not kept: surveys only).
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Download CSV')
    await page.keyboard.press('Enter')
    const survey = page.getByRole('region', { name: 'Download feedback' })
    await survey.waitFor()
    expect(await page.getByRole('status').first().textContent()).toContain('A short survey')
    expect(await axe(page)).toEqual([])

    // Step 1, NPS, required: submitting blank shows an alert and keeps focus on the question.
    const score = survey.getByRole('group', { name: /recommend Acme Reports/ })
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('0')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Next')
    await page.keyboard.press('Enter')
    await survey.getByRole('alert').getByText('Please answer this question.').waitFor()
    expect(await focused(page)).toBe('0')
    expect(
      await score.getByRole('radio', { name: '0', exact: true }).getAttribute('aria-invalid'),
    ).toBe('true')
    expect(await axe(page)).toEqual([])
    const nine = score.getByRole('radio', { name: '9', exact: true })
    for (let i = 0; i < 12 && !(await nine.isChecked()); i++)
      await page.keyboard.press('ArrowRight')
    expect(await nine.isChecked()).toBe(true)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')

    // Step 2, single choice with "Other": focus moved to the new question.
    await survey.getByRole('group', { name: 'Which format do you need most?' }).waitFor()
    expect(await focused(page)).toBe('CSV')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await survey.getByRole('radio', { name: 'Other' }).isChecked()).toBe(true)
    await page.keyboard.press('Tab')
    await page.keyboard.type('Parquet')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')

    // Step 3, free text, the last: its button says Submit.
    const why = survey.getByRole('textbox', { name: 'Anything we should improve?' })
    await why.waitFor()
    expect(await why.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Faster exports')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Submit')
    await page.keyboard.press('Enter')

    // Thank-you: announced by focus; Close gives focus back to the feature.
    await survey.getByRole('heading', { name: 'Thanks for your answer!' }).waitFor()
    expect(await focused(page)).toBe('Thanks for your answer!')
    expect(await axe(page)).toEqual([])
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await survey.waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('Download CSV')

    const rows = await eventually(
      () => project.responses(),
      (r) => r.length > 0 && r.every((x) => x.finished),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.surveyId).toBe('download-feedback')
    expect(rows[0]?.answers).toEqual({
      score: 9,
      format: 'other',
      'format.other': 'Parquet',
      why: 'Faster exports',
    })

    // Answered: downloading again shows nothing more; "surveys only" kept no usage event.
    await page.keyboard.press('Enter')
    await page.waitForTimeout(1000)
    expect(await survey.count()).toBe(0)
    expect(await project.events('type=track')).toEqual([])
    await context.close()
  })

  it('Escape dismisses the survey: a dismiss event, no response', async () => {
    const before = await project.responses()
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(site.url)
    await page.getByRole('radio', { name: 'Yes' }).check()
    await page.getByRole('button', { name: 'Download CSV' }).click()
    const survey = page.getByRole('region', { name: 'Download feedback' })
    await survey.getByRole('radio', { name: '3', exact: true }).focus()
    await page.keyboard.press('Escape')
    await survey.waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('Download CSV')
    const dismissed = await eventually(
      () => project.events('type=dismiss'),
      (e) => e.length > 0,
    )
    expect(dismissed.map((e) => e.surveyId)).toEqual(['download-feedback'])
    // With full consent the feature's use is counted.
    const tracked = await eventually(
      () => project.events('type=track'),
      (e) => e.length > 0,
    )
    expect(tracked.map((e) => e.name)).toEqual(['csv_downloaded'])
    expect(await project.responses()).toEqual(before)
    await context.close()
  })
})
