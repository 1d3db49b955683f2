/**
 * The delivery e2e tests' page: the headless SDK (packages/sdk/src bundled by esbuild into an
 * IIFE) on a page served from the real server's origin through a Playwright route, so it loads
 * even while the browser context is offline, and sends to the real server beside it.
 */
import { build } from 'esbuild'
import type { BrowserContext, Page } from 'playwright-core'
import type { DeliveryOptions } from '../../packages/sdk/src/types'
import type { TestServer } from './support/server'

let bundle: Promise<string> | undefined

/** packages/sdk/src/index.ts as `window.CandorSDK`. */
const sdkBundle = () =>
  (bundle ??= build({
    entryPoints: ['packages/sdk/src/index.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'CandorSDK',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text))

const PAGE = '/__delivery-test'

const html = (key: string, delivery: DeliveryOptions) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>delivery test</title>
<script src="/__candor-sdk.js"></script>
<script>
  window.notices = []
  window.apis = []
  window.candor = CandorSDK.createCandor({
    endpoint: location.origin,
    projectKey: ${JSON.stringify(key)},
    consent: 'granted',
    delivery: ${JSON.stringify(delivery)},
  })
  candor.on('delivery', (n) => notices.push(n))
  candor.on('survey', (survey, api) => apis.push(api))
</script></head><body><main><h1>delivery test</h1></main></body></html>`

/** Serve the test page and the SDK bundle from the server's origin, for every page of `context`. */
export async function routeTestPage(
  context: BrowserContext,
  server: TestServer,
  delivery: DeliveryOptions = {},
) {
  const js = await sdkBundle()
  await context.route(`${server.url}${PAGE}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: html(server.project.key, delivery) }),
  )
  await context.route(`${server.url}/__candor-sdk.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: js }),
  )
}

export async function openTab(context: BrowserContext, server: TestServer): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${server.url}${PAGE}`)
  return page
}

/** How many 'saved' notices the page has seen (events durably in its outbox). */
export const savedCount = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { notices: { type: string }[] }).notices.filter(
        (n) => n.type === 'saved',
      ).length,
  )

export interface ServerEvent {
  id: string
  type: string
  name?: string
  responseId?: string
  data?: Record<string, unknown>
}

/** Every event the server stored for the demo project (follows cursors). */
export async function serverEvents(server: TestServer): Promise<ServerEvent[]> {
  const rows: ServerEvent[] = []
  let cursor: string | null = null
  do {
    const q: string = `?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const page = await server.admin<{ items: ServerEvent[]; nextCursor: string | null }>(
      `/v1/admin/projects/${server.project.id}/events${q}`,
    )
    if (page.status !== 200) throw new Error(`events: ${page.status}`)
    rows.push(...page.body.items)
    cursor = page.body.nextCursor
  } while (cursor)
  return rows
}

/** How often each track event name was stored. */
export const trackCounts = (events: ServerEvent[]) => {
  const counts = new Map<string, number>()
  for (const e of events)
    if (e.type === 'track' && e.name) counts.set(e.name, (counts.get(e.name) ?? 0) + 1)
  return counts
}
