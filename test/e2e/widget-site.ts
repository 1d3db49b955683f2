/**
 * A test site for the widget e2e tests: one origin serving a page with the script tag, the
 * built candor.js + UI chunks from packages/widget/dist, axe-core, and a minimal fake of the
 * two public collection endpoints (config with the surveys a test sets, events recorded).
 * Same origin on purpose: the CSP page's `default-src 'self'` then covers everything.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { SurveyInput } from '../../packages/sdk/src/schema'
import { launchBrowser } from './support/browser'

const dist = 'packages/widget/dist'

export interface PageOptions {
  /** Serve the page with `Content-Security-Policy: default-src 'self'`. */
  csp?: boolean
  /** Sent as candor('locale', …) before anything shows. */
  locale?: string
  /** No commands at all (not even consent): candor.js alone, as on a visitor's first page. */
  pending?: boolean
  launcher?: boolean
  /** <html dir> of the host page. */
  dir?: 'ltr' | 'rtl'
}

export interface WidgetSite {
  url: string
  /** Surveys served by /config (all `active`, shown only through candor('show', id)). */
  surveys: SurveyInput[]
  /** Every event the page posted. */
  events: Record<string, unknown>[]
  /** URL of the test page. */
  page(options?: PageOptions): string
  close(): Promise<void>
}

const JS = { 'content-type': 'text/javascript; charset=utf-8' }

export async function startWidgetSite(): Promise<WidgetSite> {
  if (!existsSync(`${dist}/candor.js`)) throw new Error('run "npm run build" first')
  const site = { surveys: [] as SurveyInput[], events: [] as Record<string, unknown>[] }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    if (path === '/') {
      const o = Object.fromEntries(url.searchParams)
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }
      if (o.csp) headers['content-security-policy'] = "default-src 'self'"
      res.writeHead(200, headers)
      const cmds = url.searchParams.toString()
      res.end(`<!doctype html>
<html lang="en" dir="${o.dir === 'rtl' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>Widget test page</title>
<script src="/stub.js"></script>
<script async src="/candor.js" data-project-key="pk_test"${o.launcher ? ' data-launcher="true"' : ''}></script>
<script src="/page.js?${cmds}"></script>
</head>
<body><main><h1>Widget test page</h1>
<p>Some page content.</p>
<p><button id="before" type="button">A page button</button></p>
<p><button id="anchor" type="button">Export</button></p>
</main></body></html>`)
      return
    }
    if (path === '/stub.js') {
      res.writeHead(200, JS)
      res.end('window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}')
      return
    }
    if (path === '/page.js') {
      res.writeHead(200, JS)
      const locale = url.searchParams.get('locale')
      res.end(
        url.searchParams.has('pending')
          ? ''
          : `candor('consent','granted');${locale ? `candor('locale',${JSON.stringify(locale)});` : ''}`,
      )
      return
    }
    if (path === '/axe.js') {
      res.writeHead(200, JS)
      res.end(readFileSync('node_modules/axe-core/axe.min.js'))
      return
    }
    if (/^\/candor[\w.-]*\.js$/.test(path) && existsSync(`${dist}${path}`)) {
      res.writeHead(200, JS)
      res.end(readFileSync(`${dist}${path}`))
      return
    }
    if (/^\/v1\/p\/[^/]+\/config$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          surveys: site.surveys.map((s) => ({ status: 'active', triggers: [], ...s })),
          settings: { recontactDays: 0 },
        }),
      )
      return
    }
    if (/^\/v1\/p\/[^/]+\/events$/.test(path) && req.method === 'POST') {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        const events = (JSON.parse(body).events ?? []) as Record<string, unknown>[]
        site.events.push(...events)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ accepted: events.length, duplicates: 0, rejected: [] }))
      })
      return
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return Object.assign(site, {
    url,
    page: (o: PageOptions = {}) => {
      const q = new URLSearchParams()
      for (const [k, v] of Object.entries(o)) if (v) q.set(k, String(v))
      return `${url}/?${q}`
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  })
}

/**
 * Load a test page and wait until the SDK has fetched its config: candor('show', id) sent
 * before the SDK's survey engine exists would be lost.
 */
export async function openPage(page: Page, url: string): Promise<Response | null> {
  const config = page.waitForResponse((r) => r.url().endsWith('/config'))
  const res = await page.goto(url)
  await config
  return res
}

/** candor('show', id) in the page. */
export const showSurvey = (page: Page, id: string) =>
  page.evaluate(
    (i) => (window as unknown as { candor(...a: unknown[]): void }).candor('show', i),
    id,
  )

/**
 * The set-up every widget e2e file shares: Chromium and the test site, started before the
 * file's tests (then `setup` fills in the site's surveys) and closed after them. Read
 * `w.browser` / `w.site` inside tests.
 */
export function useWidgetSite(setup?: (site: WidgetSite) => void | Promise<void>) {
  const w = {} as { browser: Browser; site: WidgetSite }
  beforeAll(async () => {
    w.browser = await launchBrowser()
    w.site = await startWidgetSite()
    await setup?.(w.site)
  })
  afterAll(async () => {
    await w.browser?.close()
    await w.site?.close()
  })
  return w
}
