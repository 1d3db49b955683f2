/** The built widget files (/candor.js, the content-hashed UI chunk, locales) and /demo. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Context, Hono } from 'hono'
import type { AppContext } from '../app.js'
import { ApiError } from '../http/errors.js'
import { esc, sendHtml } from '../http/html.js'
import { demoProject } from '../seed.js'

/** A hex hash of 8+ chars in the name means the content never changes under that name. */
const HASHED = /\.[a-f0-9]{8,}\.(js|json|css)$/
const TOP_LEVEL = /^candor[A-Za-z0-9_.-]*\.(js|css|json)$/
const LOCALE = /^[A-Za-z0-9_.-]+\.(json|js)$/

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
}

export function staticRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  async function sendFile(c: Context, relative: string, name: string): Promise<Response> {
    let body: Buffer
    try {
      body = await readFile(join(ctx.staticDir, relative))
    } catch {
      throw new ApiError(404, 'not_found', `${name} is not built (run npm run build)`)
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    const ext = name.slice(name.lastIndexOf('.') + 1)
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': HASHED.test(name)
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300',
      ETag: etag,
      // Pages on other origins load these with SRI, which needs CORS.
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)
    return c.body(new Uint8Array(body), 200, headers)
  }

  app.get('/locales/:file', (c) => {
    const file = c.req.param('file')
    if (!LOCALE.test(file)) throw new ApiError(404, 'not_found', 'no such file')
    return sendFile(c, join('locales', file), file)
  })

  // Browsers ask for it on every HTML page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }))

  app.get('/demo', async (c) => {
    const project = await demoProject(ctx.store)
    if (!project) throw new ApiError(404, 'not_found', 'no demo project in this database')
    const { html, scripts } = demoPage(project.key, project.name, await uiPreload(ctx.staticDir))
    const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`)
    // Scripts are pinned by hash (no 'unsafe-inline'); styles allow inline so any widget
    // build renders here. The dashboard has the fully strict policy.
    return sendHtml(c, html, { scriptSrc: hashes, styleSrc: ["'unsafe-inline'"] })
  })

  app.get('/:file', (c, next) => {
    const file = c.req.param('file')
    if (!TOP_LEVEL.test(file)) return next()
    return sendFile(c, file, file)
  })

  return app
}

/** The demo grants consent and shows a survey on every page view, so the core chunk and the UI
 * chunk will be needed: preloading them (same integrity and CORS mode as the loader's own requests,
 * so the browser reuses them) saves round trips and lets a page that goes offline right after
 * loading still show the survey. */
async function uiPreload(staticDir: string): Promise<string> {
  type Chunk = { file?: unknown; integrity?: unknown }
  const link = (c: Chunk | undefined) =>
    c && typeof c.file === 'string' && TOP_LEVEL.test(c.file) && typeof c.integrity === 'string'
      ? `<link rel="preload" as="script" href="/${esc(c.file)}" integrity="${esc(c.integrity)}" crossorigin="anonymous">\n`
      : ''
  try {
    const m = JSON.parse(await readFile(join(staticDir, 'ui-manifest.json'), 'utf8')) as Chunk & {
      core?: Chunk
    }
    return link(m.core) + link(m)
  } catch {
    return ''
  }
}

/** The page embeds the script tag exactly as DESIGN.md gives it, with this server as HOST. */
export function demoPage(projectKey: string, projectName: string, preload = '') {
  const stub = 'window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}'
  const commands = "candor('consent','granted'); candor('track','export_clicked',{format:'pdf'})"
  const button =
    "document.getElementById('candor-demo-track').addEventListener('click',function(){candor('track','demo_button_clicked',{from:'demo'});document.getElementById('candor-demo-status').textContent='Event tracked.'})"
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Candor demo</title>
${preload}<script>${stub}</script>
<script async src="/candor.js" data-project-key="${esc(projectKey)}"></script>
<script>${commands}</script>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1d20}code{background:#f1f1f4;padding:.1em .3em;border-radius:4px}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #5b5bd6;background:#5b5bd6;color:#fff;cursor:pointer}</style>
</head>
<body>
<main>
<h1>Candor demo</h1>
<p>This page embeds the Candor script tag for the project <strong>${esc(projectName)}</strong>
(key <code>${esc(projectKey)}</code>). The demo NPS survey appears on every page view;
answers land in the admin API and on the <a href="/dashboard">dashboard</a>.</p>
<p><button id="candor-demo-track" type="button">Track an event</button>
<span id="candor-demo-status" role="status"></span></p>
</main>
<script>${button}</script>
</body>
</html>
`
  return { html, scripts: [stub, commands, button] }
}
