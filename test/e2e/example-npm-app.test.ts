/**
 * examples/npm-app in real Chromium, built with Vite against the built @candor/* packages and
 * served from its own origin (as its README runs it), talking to a real Candor server: the
 * app's consent banner (keyboard, axe-clean), two tracked features, the survey an event
 * triggers, and a widget that leaves nothing behind when the route changes.
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
  page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
const widgets = (page: Page) => page.locator('candor-widget').count()

describe.runIf(hasBrowser)('examples/npm-app (React + Vite), end to end', () => {
  let server: TestServer
  let browser: Browser
  let site: StaticSite
  let project: ExampleProject
  let dir: string

  beforeAll(async () => {
    server = await startServer()
    // The app's origin is allowed on its project, and the project key is built into the app.
    dir = tempDir('npm-app')
    site = await serveStatic(dir)
    project = await exampleProject(server, site.url, [
      'examples/npm-app/surveys/export-feedback.json',
    ])
    const env = { VITE_CANDOR_ENDPOINT: server.url, VITE_CANDOR_PROJECT_KEY: project.key }
    ;[browser] = await Promise.all([launchBrowser(), buildExample('npm-app', env, dir)])
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await server?.stop()
    removeDir(dir)
  })

  it('asks for consent in its own banner: by keyboard, axe-clean, nothing sent before', async () => {
    let context = await browser.newContext()
    let page = await context.newPage()
    await page.goto(`${site.url}/editor`)
    const banner = () => page.getByRole('region', { name: 'Help us improve this app?' })
    await banner().waitFor()
    expect(await axe(page)).toEqual([])
    // Pending consent: the app's clicks are not kept and nothing reaches the server.
    await page.getByRole('button', { name: 'Export as PDF' }).click()
    await page.waitForTimeout(1500)
    expect(await project.events()).toEqual([])
    expect(await page.getByRole('dialog').count()).toBe(0)

    // The banner comes first in the tab order; Enter picks the focused choice.
    await context.close()
    context = await browser.newContext()
    page = await context.newPage()
    await page.goto(`${site.url}/editor`)
    await banner().waitFor()
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Allow usage data and surveys')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Surveys only')
    await page.keyboard.press('Enter')
    await banner().waitFor({ state: 'detached' })
    expect(await focused(page)).toBe('Editor') // focus goes back to the page, not lost
    expect(await page.getByText('Sharing with us: surveys only.').count()).toBe(1)

    // The choice is remembered: a reload does not ask again. "Privacy choices" reopens it.
    await page.reload()
    await page.getByRole('heading', { name: 'Editor' }).waitFor()
    expect(await banner().count()).toBe(0)
    await page.getByRole('button', { name: 'Privacy choices' }).click()
    await banner().waitFor()
    expect(await focused(page)).toBe('Help us improve this app?')
    expect(await axe(page)).toEqual([])
    await context.close()
  })

  it('tracks two features, surveys on export, unmounts the widget on route change', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(site.url)
    await page.getByRole('button', { name: 'Allow usage data and surveys' }).click()
    expect(await widgets(page)).toBe(0) // the widget belongs to the editor route only

    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Editor' }).click()
    await page.getByRole('heading', { name: 'Editor' }).waitFor()
    expect(await widgets(page)).toBe(1)
    await page.getByRole('button', { name: 'Feedback' }).waitFor() // the widget's launcher
    await page.getByRole('button', { name: 'Share link' }).click()
    await page.getByRole('button', { name: 'Export as PDF' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('How satisfied are you with exporting?').waitFor()

    // Leave mid-survey: the widget, its dialog and its launcher go with the route.
    await nav.getByRole('link', { name: 'Reports' }).click()
    await page.getByRole('heading', { name: 'Reports' }).waitFor()
    expect(await widgets(page)).toBe(0)
    expect(await dialog.count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Feedback' }).count()).toBe(0)

    // Back (popstate) mounts it again: one host, one survey per export, no leftovers.
    await page.goBack()
    await page.getByRole('heading', { name: 'Editor' }).waitFor()
    expect(await widgets(page)).toBe(1)
    await page.getByRole('button', { name: 'Export as PDF' }).click()
    await dialog.getByText('How satisfied are you with exporting?').waitFor()
    await page.waitForTimeout(300)
    expect(await dialog.count()).toBe(1)

    await dialog.getByRole('radio', { name: /^4\b/ }).click()
    await dialog.getByRole('textbox').fill('Keep the page numbers')
    await dialog.getByRole('button', { name: 'Submit' }).click()
    await dialog.getByRole('heading', { name: 'Thank you!' }).waitFor()

    const rows = await eventually(
      () => project.responses(),
      (r) => r.length > 0 && r.every((x) => x.finished),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.surveyId).toBe('export-feedback')
    expect(rows[0]?.answers).toEqual({ satisfaction: 4, improve: 'Keep the page numbers' })

    // Both features were counted; the survey left open on the route change was dismissed.
    const tracked = await eventually(
      () => project.events('type=track'),
      (e) => e.length >= 3,
    )
    expect(tracked.map((e) => e.name).sort()).toEqual([
      'export_clicked',
      'export_clicked',
      'share_clicked',
    ])
    const dismissed = await project.events('type=dismiss')
    expect(dismissed.map((e) => e.surveyId)).toEqual(['export-feedback'])

    await nav.getByRole('link', { name: 'Reports' }).click()
    await page.getByRole('heading', { name: 'Reports' }).waitFor()
    expect(await widgets(page)).toBe(0)
    await context.close()
  })
})
