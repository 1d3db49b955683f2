/**
 * The bench site: one local origin serving the host page (bench/pages/host.html) with one
 * widget snippet (bench/pages/<variant>.html), Candor's built files with the cache headers the
 * collection server uses, the peers' bundles, and just enough of each vendor's endpoints that
 * their scripts run their normal start-up (Candor /config + /events, Sentry envelopes,
 * PostHog flags/config/capture). Nothing here is timed: the browser measures.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Peers, ShippedFile } from './peers'

export type Variant =
  | 'none'
  | 'tiny-script'
  | 'tag-script'
  | 'candor'
  | 'candor-pending'
  | 'sentry'
  | 'posthog'
  | 'posthog-surveys'
  | 'formbricks'

export interface BenchSite {
  origin: string
  /** The host page with `variant`'s snippet; `key` is Candor's project key. */
  page(variant: Variant, key?: string): string
  /** Surveys /config answers for a project key (default: none). */
  surveys: (key: string) => unknown[]
  /** Requests answered 404, for spotting a vendor endpoint the site lacks. */
  misses: string[]
  /** Event batches posted to Candor's /events. */
  events: number
  close(): Promise<void>
}

const page = (name: string) => readFileSync(`bench/pages/${name}.html`, 'utf8')

export async function startBenchSite(peers: Peers): Promise<BenchSite> {
  const host = page('host')
  const snippets = Object.fromEntries(
    (
      [
        'tiny-script',
        'tag-script',
        'candor',
        'candor-pending',
        'sentry',
        'posthog',
        'posthog-surveys',
        'formbricks',
      ] as const
    ).map((v) => [v, page(v)]),
  )
  const files = new Map<string, ShippedFile>()
  // What any script tag costs: one line, so its time is loading a script at all.
  files.set('/bench/tiny.js', { label: 'one line', path: '/bench/tiny.js', code: 'window.t=1\n' })
  // What any configurable script tag costs: one line that reads its own tag's data-* and origin
  // (on a page with no other script, the first touch of those DOM bindings is most of it).
  const tag = 'var s=document.currentScript;window.t=[s.dataset.projectKey,new URL(s.src).origin]\n'
  files.set('/bench/tag.js', { label: 'tag reader', path: '/bench/tag.js', code: tag })
  for (const f of [
    ...Object.values(peers.candor),
    peers.sentry,
    ...Object.values(peers.posthog),
    peers.formbricks,
  ])
    files.set(f.path, f)
  const site: BenchSite = {
    origin: '',
    page: (v, key = 'pk_bench') => `${site.origin}/p/${v}?key=${key}`,
    surveys: () => [],
    misses: [],
    events: 0,
    close: () => new Promise((r) => server.close(() => r())),
  }
  const json = (res: import('node:http').ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
    res.end(JSON.stringify(body))
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    // Drain request bodies (events, envelopes) before answering.
    req.resume()
    const m = /^\/p\/([\w-]+)$/.exec(path)
    if (m) {
      const v = m[1] as Variant
      const key = url.searchParams.get('key') ?? 'pk_bench'
      const snippet = (snippets[v] ?? '')
        .replaceAll('{{ORIGIN}}', site.origin)
        .replaceAll('{{HOST}}', site.origin.replace('http://', ''))
        .replaceAll('{{KEY}}', key)
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(host.replace('<!--SNIPPET-->', snippet))
      return
    }
    // PostHog asks for its extensions under a versioned path first.
    const file = files.get(path.replace(/^\/static\/[\d.]+\//, '/static/'))
    if (file) {
      // As the collection server serves them: the stable candor.js briefly, hashed files forever.
      const hashed = /\.[0-9a-f]{10}\.js$/.test(path)
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        'access-control-allow-origin': '*',
      })
      res.end(file.code)
      return
    }
    const cfg = /^\/v1\/p\/([^/]+)\/config$/.exec(path)
    if (cfg) return json(res, { surveys: site.surveys(cfg[1]!), settings: { recontactDays: 0 } })
    if (/^\/v1\/p\/[^/]+\/events$/.test(path)) {
      req.on('end', () => {
        site.events++
        json(res, { accepted: 1, duplicates: 0, rejected: [] })
      })
      return
    }
    // Sentry: envelopes (sessions, feedback) to the DSN's project.
    if (/^\/api\/\d+\/envelope\/?$/.test(path)) return json(res, {})
    // PostHog: feature flags / remote config, and capture endpoints.
    if (/^\/(flags|decide)\/?$/.test(path))
      return json(res, {
        featureFlags: {},
        featureFlagPayloads: {},
        errorsWhileComputingFlags: false,
      })
    // Project phc_survey has surveys on: PostHog then loads surveys.js and asks for them.
    if (/^\/array\/phc_survey\/config$/.test(path)) return json(res, { surveys: true })
    if (/^\/api\/surveys\/?$/.test(path)) return json(res, { surveys: [] })
    if (/^\/array\/[^/]+\/config$/.test(path)) return json(res, {})
    if (/^\/array\/[^/]+\/config\.js$/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      res.end('')
      return
    }
    if (/^\/(e|i\/v0\/e|batch|s)\/?$/.test(path)) return json(res, { status: 1 })
    site.misses.push(`${req.method} ${path}`)
    res.writeHead(404, { 'access-control-allow-origin': '*' })
    res.end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return site
}
