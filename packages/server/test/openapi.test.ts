/**
 * /openapi.json is a structurally valid OpenAPI 3.1 document that covers every route the
 * route files register, and the response shapes it documents are what the server answers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  DeliveryJson,
  EventJson,
  ForgetResult,
  ProjectJson,
  ReadyJson,
  ResponseJson,
  SummaryJson,
  SurveyRecord,
  WebhookJson,
} from '../src/openapi.js'
import { envelope, responseEvent, testApp, trackEvent } from './support/app.js'

type Json = Record<string, unknown>
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options'] as const

async function loadDoc() {
  const t = await testApp()
  const res = await t.fetch('/openapi.json')
  expect(res.status).toBe(200)
  return { t, doc: (await res.json()) as Json }
}

function operations(doc: Json) {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op: op as Json })),
  )
}

/** Every `$ref` anywhere in the document, with where it sits. */
function refs(node: unknown, at = '#'): Array<{ at: string; ref: string }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => refs(n, `${at}/${i}`))
  if (!node || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ at, ref: v }] : refs(v, `${at}/${k}`),
  )
}

function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Json)[key] : undefined), doc)
}

/** Routes as the route files register them, e.g. `get /v1/admin/projects/{}`. */
function registeredRoutes(): string[] {
  const dir = fileURLToPath(new URL('../src/routes/', import.meta.url))
  const app = readFileSync(fileURLToPath(new URL('../src/app.ts', import.meta.url)), 'utf8')
  const admin = readFileSync(`${dir}admin.ts`, 'utf8')
  // Mount prefixes: app.ts mounts route factories; admin.ts mounts summary/export/webhooks.
  const prefix = new Map<string, string>()
  for (const m of app.matchAll(/app\.route\('([^']*)', (\w+)Routes\(ctx\)\)/g))
    prefix.set(m[2]!, m[1] === '/' ? '' : m[1]!)
  for (const m of admin.matchAll(/app\.route\('\/', (\w+)Routes\(ctx\)\)/g))
    prefix.set(m[1]!, prefix.get('admin')!)
  const out: string[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(dir + file, 'utf8')
    const factory = /export function (\w+)Routes\(/.exec(src)?.[1]
    if (!factory) continue
    expect(prefix.has(factory), `${file}: mounted in app.ts or admin.ts`).toBe(true)
    for (const m of src.matchAll(/app\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
      const path = (prefix.get(factory)! + m[2]!).replace(/:\w+/g, '{}')
      out.push(`${m[1]} ${path}`)
    }
  }
  return out
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with info, unique operation ids and a response on every operation', async () => {
    const { doc } = await loadDoc()
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
    expect((doc.info as Json).title).toBeTruthy()
    expect((doc.info as Json).version).toBeTruthy()
    const ops = operations(doc)
    expect(ops.length).toBeGreaterThan(30)
    const ids = new Set<string>()
    for (const { path, method, op } of ops) {
      const where = `${method} ${path}`
      expect(path.startsWith('/'), where).toBe(true)
      expect(METHODS, where).toContain(method)
      expect(typeof op.operationId, where).toBe('string')
      expect(ids.has(op.operationId as string), `duplicate operationId ${op.operationId}`).toBe(
        false,
      )
      ids.add(op.operationId as string)
      const responses = op.responses as Record<string, Json>
      expect(Object.keys(responses).length, where).toBeGreaterThan(0)
      for (const [status, r] of Object.entries(responses)) {
        expect(status, where).toMatch(/^([1-5]\d\d|default)$/)
        expect(typeof r.description, `${where} ${status}`).toBe('string')
      }
    }
  })

  it('declares every path template parameter on every operation of that path', async () => {
    const { doc } = await loadDoc()
    for (const { path, method, op } of operations(doc)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      const declared = ((op.parameters as Json[] | undefined) ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => {
          expect(p.required, `${method} ${path} ${p.name}`).toBe(true)
          return p.name
        })
        .sort()
      expect(declared, `${method} ${path}`).toEqual(inPath)
    }
  })

  it('resolves every $ref', async () => {
    const { doc } = await loadDoc()
    const all = refs(doc)
    expect(all.length).toBeGreaterThan(50)
    for (const { at, ref } of all) expect(resolve(doc, ref), `${at}: ${ref}`).toBeDefined()
  })

  it('documents the {error:{code,message}} body on every JSON 4xx/5xx of the API', async () => {
    const { doc } = await loadDoc()
    const error = (doc.components as Json).schemas as Record<string, Json>
    expect(error.Error).toMatchObject({
      properties: { error: { required: ['code', 'message'] } },
    })
    let checked = 0
    for (const { path, method, op } of operations(doc)) {
      if (!path.startsWith('/v1/')) continue
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) < 400) continue
        const schema = (r.content as Json | undefined)?.['application/json'] as Json | undefined
        expect(schema?.schema, `${method} ${path} ${status}`).toEqual({
          $ref: '#/components/schemas/Error',
        })
        checked++
      }
      if (path.startsWith('/v1/admin')) {
        expect(op.security, `${method} ${path}`).toEqual([{ adminToken: [] }])
        expect(Object.keys(op.responses as Json), `${method} ${path}`).toContain('401')
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('covers every route registered in src/routes/*.ts', async () => {
    const { doc } = await loadDoc()
    const documented = new Set(
      operations(doc).map(({ path, method }) => `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`),
    )
    const routes = registeredRoutes()
    expect(routes.length).toBeGreaterThan(30)
    const missing = routes.filter((r) => !documented.has(r))
    expect(missing, 'routes missing from packages/server/src/openapi.ts').toEqual([])
  })

  it('documents the response shapes the server really answers', async () => {
    const { t } = await loadDoc()
    const check = async (schema: z.ZodType, res: Response, status = 200) => {
      const text = await res.text()
      expect(res.status, text).toBe(status)
      const parsed = schema.safeParse(JSON.parse(text))
      expect(parsed.success, `${res.url} ${parsed.error?.message}`).toBe(true)
      return JSON.parse(text)
    }
    const list = async (schema: z.ZodType, res: Response) => {
      const body = await check(z.object({ items: z.array(schema) }), res)
      expect(body.items.length, res.url).toBeGreaterThan(0)
      expect(body).toHaveProperty('nextCursor')
    }

    const project = await check(
      ProjectJson,
      await t.admin('/projects', {
        method: 'POST',
        json: { name: 'Docs', allowedOrigins: ['https://app.example.com'] },
      }),
      201,
    )
    const base = `/projects/${project.id}`
    await check(
      SurveyRecord,
      await t.admin(`${base}/surveys`, {
        method: 'POST',
        json: {
          id: 'nps',
          name: 'NPS',
          status: 'active',
          questions: [
            { id: 'score', type: 'nps', title: 'How likely?' },
            { id: 'why', type: 'text', title: 'Why?' },
          ],
        },
      }),
      201,
    )
    await check(
      WebhookJson,
      await t.admin(`${base}/webhooks`, { method: 'POST', json: { url: 'https://h.example/x' } }),
      201,
    )
    const install = 'install-docs-0001'
    const sent = await t.send(
      project.key,
      envelope([
        trackEvent({ installId: install }),
        responseEvent({
          installId: install,
          surveyId: 'nps',
          answers: { score: 9, why: 'fast' },
          finished: true,
        }),
      ]),
      { headers: { origin: 'https://app.example.com' } },
    )
    expect(await sent.json()).toMatchObject({ accepted: 2 })

    await list(ProjectJson, await t.admin('/projects'))
    const rotated = await check(
      ProjectJson,
      await t.admin(`${base}/rotate-key`, { method: 'POST' }),
    )
    await list(SurveyRecord, await t.admin(`${base}/surveys`))
    await list(ResponseJson, await t.admin(`${base}/responses`))
    await list(EventJson, await t.admin(`${base}/events`))
    await check(SummaryJson, await t.admin(`${base}/surveys/nps/summary`))
    await list(WebhookJson, await t.admin(`${base}/webhooks`))
    await list(DeliveryJson, await t.admin(`${base}/webhooks/deliveries`))
    await check(ReadyJson, await t.fetch('/readyz'))
    const forget = await check(
      ForgetResult,
      await t.fetch(`/v1/p/${rotated.key}/forget`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://app.example.com' },
        body: JSON.stringify({ installId: install }),
      }),
    )
    expect(forget.erased.events).toBe(2)
    // The key before rotation is unknown now: the documented error body.
    const old = await t.fetch(`/v1/p/${project.key}/config`)
    expect(old.status).toBe(404)
    expect(await old.json()).toEqual({
      error: { code: 'unknown_project', message: expect.any(String) },
    })
  })
})
