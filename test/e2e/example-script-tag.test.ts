/**
 * examples/script-tag served as plain files from a static server of its own origin (not the
 * Candor server's /demo): the snippet loads candor.js and its chunks cross-origin from the
 * server named in the script's src, a tracked click shows the survey, and the answer is found
 * once on the server, in a project that allows only the page's origin.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasBrowser, launchBrowser } from './support/browser'
import {
  type ExampleProject,
  exampleProject,
  type StaticSite,
  serveStatic,
} from './support/example'
import { eventually, startServer, type TestServer } from './support/server'

describe.runIf(hasBrowser)('examples/script-tag from any static server, end to end', () => {
  let server: TestServer
  let browser: Browser
  let site: StaticSite
  let project: ExampleProject

  beforeAll(async () => {
    server = await startServer()
    // What the page's owner does: put their server and project key into the snippet.
    site = await serveStatic('examples/script-tag', (_path, text) =>
      text.replaceAll('http://localhost:8787', server.url).replaceAll('pk_REPLACE_ME', project.key),
    )
    project = await exampleProject(server, site.url, [
      'examples/script-tag/surveys/export-nps.json',
    ])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await server?.stop()
  })

  it('a tracked click shows the survey; the answer arrives once', async () => {
    const page = await browser.newPage()
    // The survey engine starts once the config says a survey is active. Listened for before
    // the navigation: the config can arrive before goto returns.
    const config = page.waitForResponse((r) => r.url().endsWith('/config'))
    await page.goto(`${site.url}/index.html`)
    await config
    await page.getByRole('button', { name: 'Export as PDF' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('How likely are you to recommend our PDF export?').waitFor()
    await dialog.getByRole('radio', { name: '10', exact: true }).click()
    await dialog.getByRole('heading', { name: 'Thank you!' }).waitFor()
    const rows = await eventually(
      () => project.responses(),
      (r) => r.length > 0 && r.every((x) => x.finished),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]?.answers).toEqual({ score: 10 })
    expect(rows[0]?.url).toBe(`${site.url}/index.html`)
    const tracked = await project.events('type=track')
    expect(tracked.map((e) => e.name)).toEqual(['export_clicked'])
    await page.close()
  })

  it('another origin is refused by the project (403), so the allow-list is what let it in', async () => {
    const other = await serveStatic('examples/script-tag', (_path, text) =>
      text.replaceAll('http://localhost:8787', server.url).replaceAll('pk_REPLACE_ME', project.key),
    )
    try {
      const page = await browser.newPage()
      const config = page.waitForResponse((r) => r.url().endsWith('/config'))
      await page.goto(`${other.url}/index.html`)
      expect((await config).status()).toBe(403)
      await page.close()
    } finally {
      await other.close()
    }
  })
})
