import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testApp } from './support/app.js'

function fakeWidgetDist() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-static-'))
  writeFileSync(join(dir, 'candor.js'), 'console.log("loader")')
  writeFileSync(join(dir, 'candor-ui.0123abcd89.js'), 'console.log("ui")')
  writeFileSync(join(dir, 'candor-core.4567abcd89.js'), 'console.log("core")')
  writeFileSync(
    join(dir, 'ui-manifest.json'),
    JSON.stringify({
      file: 'candor-ui.0123abcd89.js',
      integrity: 'sha384-x',
      core: { file: 'candor-core.4567abcd89.js', integrity: 'sha384-s' },
    }),
  )
  mkdirSync(join(dir, 'locales'))
  writeFileSync(join(dir, 'locales', 'fr.json'), '{"close":"Fermer"}')
  return dir
}

describe('health', () => {
  it('/healthz and /readyz answer ok; /metrics is Prometheus text', async () => {
    const t = await testApp()
    expect(await (await t.fetch('/healthz')).json()).toEqual({ ok: true })
    expect(await (await t.fetch('/readyz')).json()).toEqual({ ok: true, store: 'sqlite' })
    await t.fetch(`/v1/p/${t.demoKey}/config`)
    const metrics = await (await t.fetch('/metrics')).text()
    expect(metrics).toMatch(
      /candor_http_requests_total\{method="GET",route="\/v1\/p\/:key\/config",status="200"\} 1/,
    )
  })

  it('/metrics counts ingested events, duplicates, rejections and client drops', async () => {
    const t = await testApp()
    const ev = {
      id: 'ev-metrics-1',
      type: 'track',
      time: Date.now(),
      installId: 'install-m',
      name: 'x',
    }
    await t.send(t.demoKey, {
      sentAt: Date.now(),
      events: [ev, ev, { bad: 1 }],
      dropped: { evicted: 3 },
    })
    const text = await (await t.fetch('/metrics')).text()
    expect(text).toMatch(/^candor_events_ingested_total 1$/m)
    expect(text).toMatch(/^candor_events_duplicate_total 1$/m)
    expect(text).toMatch(/^candor_events_rejected_total\{code="invalid_event"\} 1$/m)
    expect(text).toMatch(/^candor_client_dropped_total\{reason="evicted"\} 3$/m)
    expect(text).toMatch(
      /^candor_http_request_duration_seconds_count\{method="POST",route="\/v1\/p\/:key\/events"\} 1$/m,
    )
  })

  it('/readyz answers 503 once the store is closed', async () => {
    const t = await testApp()
    await t.store.close()
    const res = await t.fetch('/readyz')
    expect(res.status).toBe(503)
  })
})

describe('widget files', () => {
  it('serves candor.js with a short cache and the hashed chunk with a long immutable one', async () => {
    const t = await testApp({ staticDir: fakeWidgetDist() })
    const loader = await t.fetch('/candor.js')
    expect(loader.status).toBe(200)
    expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300')
    expect(loader.headers.get('access-control-allow-origin')).toBe('*')
    expect(await loader.text()).toBe('console.log("loader")')
    const again = await t.fetch('/candor.js', {
      headers: { 'if-none-match': loader.headers.get('etag')! },
    })
    expect(again.status).toBe(304)

    const chunk = await t.fetch('/candor-ui.0123abcd89.js')
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await chunk.text()).toBe('console.log("ui")')
    const locale = await t.fetch('/locales/fr.json')
    expect(await locale.json()).toEqual({ close: 'Fermer' })
  })

  it('answers 404 JSON for missing files and never serves outside the dir', async () => {
    const t = await testApp({ staticDir: join(tmpdir(), 'candor-does-not-exist') })
    for (const path of [
      '/candor.js',
      '/candor-ui.ffffffffff.js',
      '/locales/xx.json',
      '/locales/..%2F..%2Fetc%2Fpasswd',
      '/package.json',
    ]) {
      const res = await t.fetch(path)
      expect(res.status, path).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
  })
})

describe('/demo', () => {
  it('embeds the DESIGN script tag with the demo key, same-origin src, under a script CSP', async () => {
    const t = await testApp()
    const res = await t.fetch('/demo')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(
      '<script>window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}</script>',
    )
    expect(html).toContain(
      `<script async src="/candor.js" data-project-key="${t.demoKey}"></script>`,
    )
    expect(html).toContain("candor('consent','granted')")
    expect(html).toMatch(/<button id="candor-demo-track"/)
    const csp = res.headers.get('content-security-policy')!
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!
    expect(scriptSrc).not.toContain('unsafe-inline')
    // Every inline script is allowed by its hash, and only those.
    const inline = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1]!)
    expect(inline).toHaveLength(3)
    for (const s of inline)
      expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`)
  })

  it('preloads the core and UI chunks named by ui-manifest.json with their SRI hashes', async () => {
    const t = await testApp({ staticDir: fakeWidgetDist() })
    const html = await (await t.fetch('/demo')).text()
    expect(html).toContain(
      '<link rel="preload" as="script" href="/candor-ui.0123abcd89.js" integrity="sha384-x" crossorigin="anonymous">',
    )
    expect(html).toContain(
      '<link rel="preload" as="script" href="/candor-core.4567abcd89.js" integrity="sha384-s" crossorigin="anonymous">',
    )
    const js = await t.fetch('/candor-core.4567abcd89.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const bare = await (await (await testApp({ staticDir: tmpdir() })).fetch('/demo')).text()
    expect(bare).not.toContain('rel="preload"')
  })

  it('404s when the database has no demo project', async () => {
    const { openSqliteStore } = await import('../src/store/sqlite.js')
    const { createApp } = await import('../src/app.js')
    const app = createApp({ store: await openSqliteStore(':memory:'), adminToken: 'x' })
    const res = await app.fetch(new Request('http://x/demo'))
    expect(res.status).toBe(404)
  })
})

describe('schemas', () => {
  it('/schema/survey.json is a JSON Schema that accepts the demo survey shape', async () => {
    const t = await testApp()
    const schema = await (await t.fetch('/schema/survey.json')).json()
    expect(schema.$schema).toMatch(/json-schema\.org/)
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'name', 'questions']))
    expect(schema.properties.status.enum).toEqual(['draft', 'active', 'paused', 'completed'])
  })

  it('/openapi.json lists every public and admin path', async () => {
    const t = await testApp()
    const doc = await (await t.fetch('/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    for (const path of [
      '/v1/p/{projectKey}/config',
      '/v1/p/{projectKey}/events',
      '/v1/p/{projectKey}/forget',
      '/v1/admin/projects',
      '/v1/admin/projects/{id}/surveys/{surveyId}/summary',
      '/v1/admin/projects/{id}/export',
    ])
      expect(doc.paths[path], path).toBeDefined()
  })
})
