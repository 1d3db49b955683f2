/**
 * What the example e2e tests share: build an example with Vite's JS API (against the built
 * @candor/* dist, as a user's app would), serve a folder from its own origin like any static
 * host (with the SPA fallback to index.html), give the example its own project on a real
 * Candor server, and run axe-core in the page.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import type { ServerResponseRow, TestServer } from './server'

export interface ExampleEnv {
  VITE_CANDOR_ENDPOINT: string
  VITE_CANDOR_PROJECT_KEY: string
}

/** A fresh temporary folder (remove it with removeDir). */
export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `candor-example-${name}-`))

/** `vite build` of examples/<name> into `outDir`. Vite reads VITE_* variables from
 * process.env, the same way `VITE_...=... npm run build` passes them. */
export async function buildExample(name: string, env: ExampleEnv, outDir: string): Promise<void> {
  const { build } = await import('vite')
  const saved = { ...process.env }
  // What users ship: production React and friends (vitest's NODE_ENV=test would give dev builds).
  Object.assign(process.env, env, { NODE_ENV: 'production' })
  try {
    await build({
      root: resolve('examples', name),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    for (const k of [...Object.keys(env), 'NODE_ENV']) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  }
}

export interface StaticSite {
  url: string
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
}

/**
 * A plain static file server for `dir`; unknown paths without an extension get index.html (what
 * SPA hosts do). `transform` may rewrite a file's text as it is served (e.g. fill in a key).
 */
export async function serveStatic(
  dir: string,
  transform?: (path: string, text: string) => string,
): Promise<StaticSite> {
  const root = resolve(dir)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = normalize(join(root, path))
    if (!file.startsWith(root)) {
      res.writeHead(403).end()
      return
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (!existsSync(file) && !extname(file)) file = join(root, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    let body: string | Buffer = readFileSync(file)
    if (transform && type.includes('charset')) body = transform(path, body.toString('utf8'))
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

export interface ExampleProject {
  id: string
  key: string
  /** Merged survey responses of this project (admin API). */
  responses(): Promise<ServerResponseRow[]>
  /** Events of this project (admin API), e.g. `?type=track`. */
  events(query?: string): Promise<{ type: string; name?: string; surveyId?: string }[]>
}

/**
 * A project of its own for an example: only `origin` may send to it, and it holds the
 * example's surveys as code (examples/<name>/surveys/*.json), pushed through the admin API.
 */
export async function exampleProject(
  server: TestServer,
  origin: string,
  surveyFiles: string[],
): Promise<ExampleProject> {
  const created = await server.admin<{ id: string; key: string }>('/v1/admin/projects', {
    method: 'POST',
    body: JSON.stringify({ name: 'Example', allowedOrigins: [origin] }),
  })
  if (created.status !== 201) throw new Error(`create project: ${created.status}`)
  const { id, key } = created.body
  for (const file of surveyFiles) {
    const r = await server.admin(`/v1/admin/projects/${id}/surveys`, {
      method: 'POST',
      body: readFileSync(file, 'utf8'),
    })
    if (r.status !== 201) throw new Error(`push ${file}: ${r.status} ${JSON.stringify(r.body)}`)
  }
  const list = async <T>(path: string) => {
    const r = await server.admin<{ items: T[] }>(`/v1/admin/projects/${id}/${path}`)
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`)
    return r.body.items
  }
  return {
    id,
    key,
    responses: () => list<ServerResponseRow>('responses?limit=500'),
    events: (query = '') => list(`events?limit=500${query ? `&${query.replace(/^\?/, '')}` : ''}`),
  }
}

export const removeDir = (dir: string | undefined) => {
  if (dir) rmSync(dir, { recursive: true, force: true })
}

/** axe-core on the whole page (shadow roots included): the violations, one line each. */
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') })
  return page.evaluate(async () => {
    // Measure settled colours, not a frame of a fade-in.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})))
    const host = document.querySelector('candor-widget')?.shadowRoot
    if (host) await Promise.all(host.getAnimations().map((a) => a.finished.catch(() => {})))
    const r = await (
      window as unknown as {
        axe: { run(c: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> }
      }
    ).axe.run(document)
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes).slice(0, 300)}`)
  })
}
