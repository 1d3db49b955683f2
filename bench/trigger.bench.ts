/**
 * Time from a trigger to a visible survey in Chromium (`npm run bench -- trigger`): the page
 * calls candor('track', 'bench_trigger'), an event trigger of an active survey, and the page
 * itself times it until the first animation frame in which the survey dialog (role=dialog in
 * the widget's shadow root) is laid out and visible. Reports, does not assert.
 */
import type { Page } from 'playwright-core'
import { launchBrowser } from '../test/e2e/support/browser'
import type { BenchReport } from './run'
import { buildPeers } from './support/peers'
import { startBenchSite } from './support/site'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)

const survey = (id: string, event: string) => ({
  id,
  name: 'Trigger bench',
  status: 'active',
  questions: [
    { id: 'score', type: 'nps', title: 'How likely are you to recommend us?', required: true },
    { id: 'why', type: 'text', title: 'What should we improve?' },
  ],
  triggers: [{ type: 'event', name: event }],
})

/**
 * In the page: fire `event`, then resolve with ms until a frame shows the dialog. A string, not
 * a function: tsx would wrap the inner functions in a helper the page does not have.
 */
const IN_PAGE = `(name) => new Promise((resolve, reject) => {
  const dialog = () => {
    for (const el of document.querySelectorAll('*')) {
      const d = el.shadowRoot && el.shadowRoot.querySelector('[role=dialog]')
      if (d && d.checkVisibility() && d.getBoundingClientRect().height > 0) return d
    }
  }
  const give = setTimeout(() => reject(new Error('no survey within 10 s')), 1e4)
  const t0 = performance.now()
  candor('track', name)
  const frame = () => {
    if (!dialog()) return requestAnimationFrame(frame)
    clearTimeout(give)
    resolve(performance.now() - t0)
  }
  requestAnimationFrame(frame)
})`

const triggerToVisible = (page: Page, event: string): Promise<number> =>
  page.evaluate(`(${IN_PAGE})(${JSON.stringify(event)})`)

/** Load the page and wait until the survey engine has its config (before that, no trigger). */
async function open(page: Page, url: string) {
  const config = page.waitForResponse((r) => r.url().endsWith('/config'))
  await page.goto(url)
  await config
  await page.waitForTimeout(300)
}

/** The UI chunk's resource timing entry in this page: undefined if it was never requested. */
const uiEntry = (page: Page) =>
  page.evaluate(() => {
    const e = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) =>
      /candor-ui\.\w+\.js$/.test(r.name),
    )
    return e && { transferSize: e.transferSize }
  })

export default async function triggerBench(): Promise<BenchReport> {
  const site = await startBenchSite(await buildPeers())
  let n = 0
  // Fresh survey ids on every config: a survey shown once is not held back on the next visit.
  site.surveys = () => {
    n++
    return [survey(`first-${n}`, 'bench_trigger'), survey(`second-${n}`, 'bench_again')]
  }
  const browser = await launchBrowser()
  const times = { cold: [] as number[], warm: [] as number[], inPage: [] as number[] }
  try {
    for (let r = -1; r < ROUNDS; r++) {
      const ctx = await browser.newContext()
      try {
        const page = await ctx.newPage()
        const url = site.page('candor', 'pk_trigger')
        // Cold: first visit, the UI chunk has never been fetched.
        await open(page, url)
        if (await uiEntry(page)) throw new Error('the UI chunk loaded before the trigger')
        const cold = await triggerToVisible(page, 'bench_trigger')
        // In the same page, the UI chunk already running: close the survey, trigger another.
        await page.keyboard.press('Escape')
        await page.waitForTimeout(300)
        const inPage = await triggerToVisible(page, 'bench_again')
        // Warm: a later visit, the UI chunk in the HTTP cache (immutable) and V8's code cache.
        await open(page, url)
        await open(page, url)
        const warm = await triggerToVisible(page, 'bench_trigger')
        if ((await uiEntry(page))?.transferSize !== 0)
          throw new Error('the warm visit fetched the UI chunk from the network')
        if (r >= 0) {
          times.cold.push(cold)
          times.inPage.push(inPage)
          times.warm.push(warm)
        }
      } finally {
        await ctx.close()
      }
    }
  } finally {
    await browser.close()
    await site.close()
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
  const med = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!
  const row = (name: string, xs: number[]) => ({
    case: name,
    'median ms': med(xs).toFixed(1),
    'min ms': sorted(xs)[0]!.toFixed(1),
    'max ms': sorted(xs).at(-1)!.toFixed(1),
  })
  return {
    title: 'Trigger to visible survey (Chromium)',
    summary: `From candor('track', 'bench_trigger') (an event trigger of an active NPS survey) to the first animation frame with the survey dialog laid out and visible, timed in the page; the built script-tag files served locally (bench/support/site.ts) with the collection server's cache headers. ${ROUNDS} rounds, each in a fresh browser context.`,
    rows: [
      row('cold: first visit, UI chunk not cached (fetched on the trigger)', times.cold),
      row('warm: third visit, UI chunk in the HTTP cache', times.warm),
      row('UI chunk already running in the page (second survey)', times.inPage),
    ],
    ratios: [`cold / warm: ${(med(times.cold) / med(times.warm)).toFixed(1)}`],
    notes: [
      'The survey engine (in the core chunk, which candor.js fetches on the first command) is running when the trigger fires; the UI chunk is fetched only when a survey is about to show.',
      'The dialog then fades in over 0.2 s (none under prefers-reduced-motion); the time above is to its first visible frame.',
      'Served from 127.0.0.1: a real network adds one round trip (and a TLS handshake) to the cold case only.',
    ],
  }
}
