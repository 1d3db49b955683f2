/**
 * Outbox enqueue throughput vs raw IndexedDB puts, measured side by side in one real Chromium
 * page (`npm run bench -- outbox`). Not a timed test: it reports, it does not assert.
 */
import { build } from 'esbuild'
import { launchBrowser } from '../test/e2e/support/browser'
import type { BenchReport } from './run'

const N = 2000
const ROUNDS = 5
const ORIGIN = 'http://bench.candor.test'

export default async function outboxBench(): Promise<BenchReport> {
  const js = (
    await build({
      entryPoints: ['bench/outbox.page.ts'],
      bundle: true,
      format: 'iife',
      globalName: 'bench',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    // A routed http origin: IndexedDB needs a real origin, no server needed.
    await page.route(`${ORIGIN}/**`, (route) =>
      route.request().url().endsWith('.js')
        ? route.fulfill({ contentType: 'text/javascript', body: js })
        : route.fulfill({ contentType: 'text/html', body: '<script src="/b.js"></script>' }),
    )
    await page.goto(`${ORIGIN}/`)
    const names = await page.evaluate(() => Object.keys((window as never as Bench).bench.cases))
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
    // Interleave the cases round by round so drift hits them all alike.
    for (let r = 0; r < ROUNDS; r++)
      for (const name of names)
        times[name]!.push(
          await page.evaluate(([name, n]) => (window as never as Bench).bench.cases[name]!(n), [
            name,
            N,
          ] as const),
        )
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const perSec = Object.fromEntries(names.map((n) => [n, (N / median(times[n]!)) * 1000]))
    const raw = perSec['raw IndexedDB: one put per transaction']!
    return {
      title: 'Outbox enqueue throughput (Chromium)',
      summary: `${N} track events (~300 B each) written to IndexedDB, median of ${ROUNDS} interleaved rounds in one Chromium page: the SDK outbox (packages/sdk/src/outbox.ts on the idb-keyval adapter) against raw IndexedDB puts of the same records.`,
      rows: names.map((n) => ({
        case: n,
        'median ms': median(times[n]!).toFixed(1),
        'events/s': Math.round(perSec[n]!),
      })),
      ratios: names
        .filter((n) => n.startsWith('outbox'))
        .map((n) => `${n} / raw one put per transaction: ${(perSec[n]! / raw).toFixed(2)}`),
      notes: [
        'A burst of track() calls shares one IndexedDB transaction, so the outbox is faster than one transaction per put and close to the single-transaction floor.',
        'Awaiting each add before the next makes one transaction per event: it costs what a raw put per transaction costs; the outbox bookkeeping (size, bounds, in-page mirror) is lost in the transaction cost.',
      ],
    }
  } finally {
    await browser.close()
  }
}

type Bench = { bench: { cases: Record<string, (n: number) => Promise<number>> } }
