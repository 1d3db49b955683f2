/**
 * Outbox enqueue throughput vs raw IndexedDB puts, and flush throughput (events drained to a
 * real local HTTP server) vs raw requests, measured side by side in one real Chromium page
 * (`npm run bench -- outbox`). Not a timed test: it reports, it does not assert.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { build } from 'esbuild'
import { launchBrowser } from '../test/e2e/support/browser'
import { startServer } from '../test/e2e/support/server'
import type { Targets } from './outbox.page'
import type { BenchReport } from './run'

const N = 2000
const ROUNDS = 5

/** The bench page's origin (IndexedDB needs a real one) and a server that acks every batch. */
async function startPageServer(js: string) {
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        const accepted = (JSON.parse(body) as { events: unknown[] }).events.length
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ accepted, duplicates: 0, rejected: [] }))
      })
      return
    }
    const isJs = req.url?.endsWith('.js')
    res.writeHead(200, { 'content-type': isJs ? 'text/javascript' : 'text/html' })
    res.end(isJs ? js : '<script src="/b.js"></script>')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

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
  const site = await startPageServer(js)
  // The real collection server (built CLI, SQLite); its rate limit is off: this measures throughput.
  const candor = await startServer({ env: { CANDOR_RATE_LIMIT: 'off' } })
  const to: Targets = {
    ack: `${site.origin}/v1/p/pk_bench/events`,
    candor: `${candor.url}/v1/p/${candor.project.key}/events`,
  }
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.goto(`${site.origin}/`)
    const names = await page.evaluate(() => Object.keys((window as never as Bench).bench.cases))
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
    // Interleave the cases round by round so drift hits them all alike.
    for (let r = 0; r < ROUNDS; r++)
      for (const name of names)
        times[name]!.push(
          await page.evaluate(
            ([name, n, to]) => (window as never as Bench).bench.cases[name]!(n, to),
            [name, N, to] as const,
          ),
        )
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const perSec = Object.fromEntries(names.map((n) => [n, (N / median(times[n]!)) * 1000]))
    const reads = await page.evaluate(() => (window as never as Bench).bench.flushReadMs)
    const readAck = median(reads[to.ack] ?? [0])
    const raw = perSec['raw IndexedDB: one put per transaction']!
    const ratio = (a: string, b: string) => `${a} / ${b}: ${(perSec[a]! / perSec[b]!).toFixed(2)}`
    const flushSdk = 'flush, outbox: SDK delivery to an acking server'
    return {
      title: 'Outbox throughput: enqueue and flush (Chromium)',
      summary: `${N} track events (~300 B each), median of ${ROUNDS} interleaved rounds in one Chromium page. Enqueue: the SDK outbox (packages/sdk/src/outbox.ts on the idb-keyval adapter) against raw IndexedDB puts of the same records. Flush: a full outbox drained by the SDK's delivery (packages/sdk/src/delivery.ts: batches of 100, the Web Locks lock, fetch transport, removal on ack) to a real HTTP server on 127.0.0.1, against raw fetches of the same batches.`,
      rows: names.map((n) => ({
        case: n,
        'median ms': median(times[n]!).toFixed(1),
        'events/s': Math.round(perSec[n]!),
      })),
      ratios: [
        ...names
          .filter((n) => n.startsWith('outbox'))
          .map((n) => `${n} / raw one put per transaction: ${(perSec[n]! / raw).toFixed(2)}`),
        ratio(flushSdk, 'flush, raw: fetch the batches, no outbox'),
        ratio(flushSdk, 'flush, raw: IndexedDB read + fetch + delete per batch'),
        ratio('flush, outbox: SDK delivery to the Candor server (SQLite)', flushSdk),
      ],
      notes: [
        'A burst of track() calls shares one IndexedDB transaction, so the outbox is faster than one transaction per put and close to the single-transaction floor.',
        'Awaiting each add before the next makes one transaction per event: it costs what a raw put per transaction costs; the outbox bookkeeping (size, bounds, in-page mirror) is lost in the transaction cost.',
        `Flush reads: delivery.ts reads the whole outbox once a run (\`outbox._read()\`, so the bounds cover other tabs' writes), then per batch only the oldest records the batch can hold (\`outbox._next()\`, an IndexedDB getAll with a count on the id key), so draining n events reads about 2n records (it re-read the whole outbox before every batch until 2026-11-23: n²/200 records, 351 of 967 ms): ${readAck.toFixed(0)} of the ${median(times[flushSdk]!).toFixed(0)} ms of the SDK flush to the acking server (median) were spent in those reads.`,
        'Flush: the acking server answers every batch at once (it measures the client); the Candor server row is end to end through the built CLI on SQLite (test/e2e/support/server.ts, rate limit off), each event stored once by id.',
      ],
    }
  } finally {
    await browser.close()
    await candor.stop()
    await site.close()
  }
}

type Bench = {
  bench: {
    cases: Record<string, (n: number, to: Targets) => Promise<number>>
    flushReadMs: Record<string, number[]>
  }
}
