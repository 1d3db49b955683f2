/**
 * Bundle size, gzip and brotli: Candor's script-tag files against its peers built in the same
 * run with the same minifier (`npm run bench -- size`). Reports, does not assert: the hard
 * budgets are test/size/bundle-size.test.ts.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { BenchReport } from './run'
import { buildPeers, type ShippedFile } from './support/peers'

const gz = (code: string) => gzipSync(code, { level: 9 }).length
const br = (code: string) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

interface Sized {
  name: string
  raw: number
  gzip: number
  brotli: number
}

const size = (name: string, ...files: ShippedFile[]): Sized => ({
  name,
  raw: files.reduce((n, f) => n + Buffer.byteLength(f.code), 0),
  gzip: files.reduce((n, f) => n + gz(f.code), 0),
  brotli: files.reduce((n, f) => n + br(f.code), 0),
})

const GOAL = 0.4

export default async function sizeBench(): Promise<BenchReport> {
  const p = await buildPeers()
  const c = p.candor
  const candorTotal = size('**Candor total** (what shows a survey)', c.loader, c.core, c.ui)
  const sentry = size('**Sentry** init + feedbackIntegration (one bundle)', p.sentry)
  const phShipped = size('**PostHog total** as shipped', p.posthog.array, p.posthog.surveys)
  const phMin = size('**PostHog total** re-minified', p.posthog.arrayMin, p.posthog.surveysMin)
  const rows: Sized[] = [
    size('candor.js (tag, stub swap, command queue)', c.loader),
    size(`${c.core.path.slice(1)} (SDK core + survey engine)`, c.core),
    size(`${c.ui.path.slice(1)} (preact UI)`, c.ui),
    candorTotal,
    sentry,
    size('PostHog array.js as shipped', p.posthog.array),
    size('PostHog surveys.js as shipped', p.posthog.surveys),
    phShipped,
    size('PostHog array.js re-minified', p.posthog.arrayMin),
    size('PostHog surveys.js re-minified', p.posthog.surveysMin),
    phMin,
    size('Formbricks @formbricks/js loader + setup()', p.formbricks),
  ]
  // Formbricks' loader is not a full peer: it fetches the SDK from the Formbricks app.
  const full = [sentry, phShipped, phMin]
  const smallest = full.reduce((a, b) => (b.gzip < a.gzip ? b : a))
  const ratio = (a: number, b: number) => (a / b).toFixed(2)
  const goalGzip = candorTotal.gzip / smallest.gzip
  const loader = rows[0]!
  return {
    title: 'Bundle size vs peers (gzip, brotli)',
    summary:
      'Bytes a site ships for an in-page survey or feedback widget. Candor: the built script-tag files (packages/widget/dist: candor.js, then the core chunk (the SDK and its survey engine) on the first command, then the UI chunk when a survey shows). Peers are built in the same run from bench/node_modules (pinned in bench/package.json) with the same minifier and options as Candor (terser, rollup.config.ts; rollup + node-resolve for npm entries), gzip level 9 and brotli quality 11.',
    rows: rows.map((r) => ({
      bundle: r.name,
      'min B': r.raw,
      'gzip B': r.gzip,
      'brotli B': r.brotli,
    })),
    ratios: [
      `Candor total / ${stripBold(smallest.name)} (smallest full peer), gzip: ${ratio(candorTotal.gzip, smallest.gzip)}, brotli: ${ratio(candorTotal.brotli, smallest.brotli)} (goal ≤ ${GOAL}: ${goalGzip <= GOAL ? 'met' : `not met; it needs ${Math.ceil(candorTotal.gzip - GOAL * smallest.gzip)} B gzip less`})`,
      `Candor total / PostHog total as shipped, gzip: ${ratio(candorTotal.gzip, phShipped.gzip)}, brotli: ${ratio(candorTotal.brotli, phShipped.brotli)}`,
      `Candor total / PostHog total re-minified, gzip: ${ratio(candorTotal.gzip, phMin.gzip)}`,
      `A page with no command yet (consent pending) loads candor.js only: candor.js / Sentry bundle, gzip: ${ratio(loader.gzip, sentry.gzip)}; candor.js / PostHog array.js, gzip: ${ratio(loader.gzip, rows[5]!.gzip)}`,
      `A page with consent and no survey showing loads candor.js and the core: (candor.js + core) / Sentry bundle, gzip: ${ratio(loader.gzip + rows[1]!.gzip, sentry.gzip)}`,
      `candor.js / Formbricks loader, gzip: ${ratio(loader.gzip, rows[11]!.gzip)}`,
    ],
    notes: [
      'Entries: Sentry `Sentry.init({ dsn, integrations: [Sentry.feedbackIntegration()] })` from @sentry/browser (its prod ESM build, tree-shaken); PostHog its dist/array.js and dist/surveys.js as shipped and re-minified with the same terser options; Formbricks `formbricks.setup({ appUrl, workspaceId })` from @formbricks/js.',
      'The Formbricks loader is not a full peer: at setup it fetches the SDK and survey UI (formbricks.umd.cjs) from the Formbricks app, which is not published to npm, so its full size is not measured here.',
      "Candor's own build also mangles its `_`-prefixed internal properties; peers are minified without that (it would break them), otherwise with the same options.",
    ],
  }
}

const stripBold = (s: string) => s.replaceAll('**', '')
