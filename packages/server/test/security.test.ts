/**
 * Security matrix: admin refusals and the constant-time token compare, the origin allow-list,
 * SQL strings stored verbatim, answers keyed like Object.prototype members kept (no prototype
 * lookups), HTML inert in the dashboard, formula cells neutralised in every CSV.
 */
import * as crypto from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { hashToken, sessionValid, signSession, tokenMatches } from '../src/http/auth.js'
import { openPostgresStore } from '../src/store/postgres.js'
import type { Store } from '../src/store/store.js'
import { ADMIN_TOKEN, cid, type TestApp, testApp } from './support/app.js'
import { HTML_STRINGS, SQL_STRINGS } from './support/hostile.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

// The real timingSafeEqual, watched: the test proves it is what decides, on equal lengths.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof crypto>()
  return {
    ...real,
    timingSafeEqual: vi.fn((a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) =>
      real.timingSafeEqual(a, b),
    ),
  }
})
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual)

describe('admin token compare', () => {
  beforeEach(() => {
    timingSafeEqual.mockClear()
  })
  const stored = hashToken(ADMIN_TOKEN)

  it('compares SHA-256 digests with crypto.timingSafeEqual, whatever the length presented', () => {
    const presented = [
      '',
      'a',
      ADMIN_TOKEN.slice(0, -1),
      `${ADMIN_TOKEN.slice(0, -1)}X`,
      `${ADMIN_TOKEN}x`,
      ADMIN_TOKEN.toUpperCase(),
      stored, // the stored hash is not a token
      'x'.repeat(10_000),
      '🔑'.repeat(40),
    ]
    for (const p of presented) {
      expect(tokenMatches(p, stored)).toBe(false)
      // Called every time: no early return on a length or prefix mismatch.
      const [a, b] = timingSafeEqual.mock.lastCall as [Buffer, Buffer]
      expect(a.length).toBe(32)
      expect(b.length).toBe(32)
    }
    expect(timingSafeEqual).toHaveBeenCalledTimes(presented.length)
    expect(tokenMatches(ADMIN_TOKEN, stored)).toBe(true)
    expect(timingSafeEqual).toHaveBeenCalledTimes(presented.length + 1)
  })

  it('checks dashboard session cookies with timingSafeEqual too', () => {
    const now = Date.now()
    const good = signSession(stored, now + 60_000)
    expect(sessionValid(stored, good, now)).toBe(true)
    expect(timingSafeEqual).toHaveBeenCalledTimes(1)
    const forged = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`
    expect(sessionValid(stored, forged, now)).toBe(false)
    expect(timingSafeEqual).toHaveBeenCalledTimes(2)
    expect(sessionValid(stored, good, now + 120_000)).toBe(false) // expired
  })
})

describe('admin endpoints refuse missing and wrong tokens', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp()
  })

  it('401 on every admin path and method, with WWW-Authenticate and a JSON error', async () => {
    const doc = (await (await t.fetch('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const routes = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/admin'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as const))
    expect(routes.length).toBeGreaterThan(15)
    const bad: Array<Record<string, string>> = [
      {},
      { authorization: '' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${ADMIN_TOKEN}x` },
      { authorization: `Bearer ${ADMIN_TOKEN} extra` },
      { authorization: `Bearer ${hashToken(ADMIN_TOKEN)}` },
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
      { authorization: ADMIN_TOKEN },
      { cookie: `candor_session=${signSession(hashToken(ADMIN_TOKEN), Date.now() + 60_000)}` },
    ]
    for (const [method, template] of routes) {
      const path = template
        .replace('{id}', t.demoId)
        .replace('{surveyId}', 'nps-demo')
        .replace('{webhookId}', 'wh-1')
      for (const headers of bad) {
        const res = await t.fetch(`${path}?token=${ADMIN_TOKEN}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: method === 'GET' || method === 'DELETE' ? undefined : '{"name":"x"}',
        })
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401)
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="candor-admin"')
        const body = (await res.json()) as { error: { code: string } }
        expect(body.error.code).toBe('unauthorized')
      }
    }
    // Nothing was changed by the refused writes.
    const projects = await (await t.admin('/projects')).json()
    expect(projects.items).toHaveLength(1)
    expect((await t.admin(`/projects/${t.demoId}/surveys/nps-demo`)).status).toBe(200)
    // The scheme is case-insensitive, as RFC 7235 says.
    const ok = await t.fetch('/v1/admin/projects', {
      headers: { authorization: `bearer ${ADMIN_TOKEN}` },
    })
    expect(ok.status).toBe(200)
  })
})

describe('origin allow-list', () => {
  it('only canonical matches of a listed origin reach config, events and forget', async () => {
    const t = await testApp()
    const created = await t.admin('/projects', {
      method: 'POST',
      json: { name: 'shop', allowedOrigins: ['https://shop.example.com'] },
    })
    const { key, id } = (await created.json()) as { key: string; id: string }
    const allowed = [
      'https://shop.example.com',
      'https://SHOP.Example.com', // host names are case-insensitive
      'https://shop.example.com:443', // the default port is the same origin
    ]
    const refused = [
      'http://shop.example.com',
      'https://shop.example.com:8443',
      'https://shop.example.com.evil.example',
      'https://evil.example',
      'https://evil.example/?https://shop.example.com',
      'https://user@shop.example.com',
      'null',
      '*',
      'shop.example.com',
      'javascript:alert(1)',
      'file://',
    ]
    const calls = (origin: string) => [
      t.fetch(`/v1/p/${key}/config`, { headers: { origin } }),
      t.send(
        key,
        {
          sentAt: Date.now(),
          events: [
            { id: cid('ev'), type: 'track', time: 1, installId: 'install-origin', name: 'n' },
          ],
        },
        { headers: { origin, 'content-type': 'text/plain' } },
      ),
      t.fetch(`/v1/p/${key}/forget`, {
        method: 'POST',
        headers: { origin },
        body: JSON.stringify({ installId: 'install-forgotten' }),
      }),
    ]
    for (const origin of allowed)
      for (const res of await Promise.all(calls(origin)))
        expect(res.status, `${origin} ${res.url}`).toBe(200)
    for (const origin of refused)
      for (const res of await Promise.all(calls(origin))) {
        expect(res.status, `${origin} ${res.url}`).toBe(403)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
          'origin_not_allowed',
        )
      }
    // A refused origin stored nothing.
    const events = await (await t.admin(`/projects/${id}/events`)).json()
    expect(events.items.filter((e: { name: string }) => e.name === 'n')).toHaveLength(
      allowed.length,
    )
  })
})

/** SQL strings go in through every string field and come back byte for byte. */
async function sqlVerbatim(t: TestApp) {
  const strings = [...SQL_STRINGS, ...HTML_STRINGS]
  const events = strings.flatMap((s, i) => {
    const n = i.toString().padStart(3, '0')
    return [
      {
        id: `ev-sql-track-${n}`,
        type: 'track',
        time: Date.now(),
        installId: `install-sql-${n}`,
        userId: s,
        url: `https://site.example/?q=${s}`,
        locale: 'en',
        name: s,
        props: { [s.slice(0, 100)]: s, plain: s },
      },
      {
        id: `ev-sql-fb-${n}`,
        type: 'feedback',
        time: Date.now(),
        installId: `install-sql-${n}`,
        text: s,
        category: s.slice(0, 100),
      },
      {
        id: `ev-sql-resp-${n}`,
        type: 'response',
        time: Date.now(),
        installId: `install-sql-${n}`,
        surveyId: 'nps-demo',
        responseId: `resp-sql-${n}`,
        answers: { why: s, plan: [s, 'x'] },
        attributes: { [s.slice(0, 100)]: s },
        finished: true,
      },
    ]
  })
  const sent = await (await t.send(t.demoKey, { sentAt: Date.now(), events })).json()
  expect(sent).toEqual({ accepted: events.length, duplicates: 0, rejected: [] })

  const list = await (await t.admin(`/projects/${t.demoId}/events?limit=500`)).json()
  const byId = new Map(list.items.map((e: { id: string }) => [e.id, e]))
  const responses = await (await t.admin(`/projects/${t.demoId}/responses?limit=500`)).json()
  const respById = new Map(responses.items.map((r: { id: string }) => [r.id, r]))
  strings.forEach((s, i) => {
    const n = i.toString().padStart(3, '0')
    const track = byId.get(`ev-sql-track-${n}`) as { name: string; userId: string; data: unknown }
    expect(track.name).toBe(s)
    expect(track.userId).toBe(s)
    expect(JSON.stringify(track.data)).toContain(JSON.stringify(s))
    const fb = byId.get(`ev-sql-fb-${n}`) as { data: { text: string; category: string } }
    expect(fb.data.text).toBe(s)
    expect(fb.data.category).toBe(s.slice(0, 100))
    const r = respById.get(`resp-sql-${n}`) as { answers: unknown; attributes: unknown }
    expect(r.answers).toEqual({ why: s, plan: [s, 'x'] })
    expect(r.attributes).toEqual({ [s.slice(0, 100)]: s })
  })
  // And the filters that reach SQL take them as values, not as SQL.
  const named = await (
    await t.admin(`/projects/${t.demoId}/events?name=${encodeURIComponent(SQL_STRINGS[1]!)}`)
  ).json()
  // (the name filter matches track names and feedback categories)
  expect(named.items.map((e: { id: string }) => e.id).sort()).toEqual([
    'ev-sql-fb-001',
    'ev-sql-track-001',
  ])
  expect((await t.admin('/projects')).status).toBe(200)
}

/** Question ids may be any slug, "constructor" and "toString" included: their answers must be
 * read as own properties, never found on Object.prototype. */
async function prototypeKeys(t: TestApp) {
  const survey = {
    id: 'proto-keys',
    name: 'keys',
    status: 'active',
    questions: [
      { id: 'constructor', type: 'text', title: 'c' },
      { id: 'toString', type: 'consent', title: 't', label: 'ok' },
      { id: 'hasOwnProperty', type: 'nps', title: 'h' },
      { id: '__proto__', type: 'text', title: 'p' },
    ],
  }
  expect(
    (await t.admin(`/projects/${t.demoId}/surveys`, { method: 'POST', json: survey })).status,
  ).toBe(201)
  const body = `{"sentAt":${Date.now()},"events":[
    {"id":"ev-proto-0001","type":"response","time":${Date.now()},"installId":"install-proto",
     "surveyId":"proto-keys","responseId":"resp-proto-1","finished":false,
     "answers":{"constructor":"kept","toString":true,"__proto__":{"polluted":"yes"}},
     "attributes":{"constructor":"c","__proto__":"p"}},
    {"id":"ev-proto-0002","type":"response","time":${Date.now()},"installId":"install-proto",
     "surveyId":"proto-keys","responseId":"resp-proto-2","finished":true,"answers":{"hasOwnProperty":9}}]}`
  const res = await t.send(t.demoKey, body)
  expect(res.status).toBe(200)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  const items = (
    await (await t.admin(`/projects/${t.demoId}/responses?surveyId=proto-keys`)).json()
  ).items as Array<{ id: string; answers: Record<string, unknown> }>
  const one = items.find((r) => r.id === 'resp-proto-1')!
  expect(one.answers).toEqual({ constructor: 'kept', toString: true })
  expect(Object.getPrototypeOf(one.answers)).toBe(Object.prototype)
  const two = items.find((r) => r.id === 'resp-proto-2')!
  expect(two.answers).toEqual({ hasOwnProperty: 9 })

  const summary = await (await t.admin(`/projects/${t.demoId}/surveys/proto-keys/summary`)).json()
  const q = (id: string) => summary.questions.find((x: { id: string }) => x.id === id)
  expect(q('constructor').answered).toBe(1)
  expect(q('toString').answered).toBe(1)
  expect(q('hasOwnProperty').answered).toBe(1)

  const csv = await (
    await t.admin(`/projects/${t.demoId}/export?format=csv&surveyId=proto-keys&bom=false`)
  ).text()
  const rows = parse(csv, { columns: true }) as Array<Record<string, string>>
  const row2 = rows.find((r) => r.id === 'resp-proto-2')!
  // Unanswered is empty, not "function Object() { [native code] }".
  expect(row2['answers.constructor']).toBe('')
  expect(row2['answers.toString']).toBe('')
  expect(rows.find((r) => r.id === 'resp-proto-1')!['answers.constructor']).toBe('kept')
}

describe('stored data on SQLite', () => {
  it('SQL strings are stored and returned verbatim', async () => {
    await sqlVerbatim(await testApp())
  })
  it('answers keyed like Object.prototype members are kept and counted', async () => {
    await prototypeKeys(await testApp())
  })
})

describe.runIf(postgresAvailable())('stored data on PostgreSQL', () => {
  let cluster: PgCluster
  let store: Store
  beforeAll(async () => {
    cluster = await startPostgres()
    store = await openPostgresStore(await cluster.createDatabase())
  })
  afterAll(async () => {
    await store?.close()
    await cluster?.stop()
  })
  it('SQL strings are stored and returned verbatim', async () => {
    await sqlVerbatim(await testApp({ store }))
  })
  it('answers keyed like Object.prototype members are kept and counted', async () => {
    await prototypeKeys(await testApp({ store }))
  })
})

const XSS = HTML_STRINGS.slice(0, 5)

async function dashboardSession(t: TestApp): Promise<string> {
  const res = await t.fetch('/dashboard/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: ADMIN_TOKEN }).toString(),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  return /candor_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0]
}

describe('HTML from users is inert in the dashboard', () => {
  it('project names, survey texts, answers and feedback are escaped on every page', async () => {
    const t = await testApp()
    const x = XSS.join(' ')
    const project = await (
      await t.admin('/projects', { method: 'POST', json: { name: x.slice(0, 200) } })
    ).json()
    const key = project.key as string
    const survey = {
      id: 'xss',
      name: x,
      status: 'active',
      questions: [
        { id: 'score', type: 'nps', title: x, lowerLabel: XSS[0], upperLabel: XSS[1] },
        {
          id: 'pick',
          type: 'single',
          title: XSS[2],
          options: XSS.map((label, i) => ({ id: `o${i}`, label })),
        },
        { id: 'why', type: 'text', title: XSS[3] },
      ],
      thankYou: { title: XSS[4] },
    }
    expect(
      (await t.admin(`/projects/${project.id}/surveys`, { method: 'POST', json: survey })).status,
    ).toBe(201)
    const now = Date.now()
    const sent = await t.send(key, {
      sentAt: now,
      events: [
        {
          id: 'ev-xss-00001',
          type: 'response',
          time: now,
          installId: 'install-xss',
          surveyId: 'xss',
          responseId: 'resp-xss-01',
          answers: { score: 9, pick: 'o1', why: x },
          finished: true,
        },
        {
          id: 'ev-xss-00002',
          type: 'feedback',
          time: now,
          installId: 'install-xss',
          text: x,
          category: XSS[0],
        },
      ],
    })
    expect((await sent.json()).accepted).toBe(2)

    const cookie = await dashboardSession(t)
    for (const path of [
      '/dashboard',
      `/dashboard/p/${project.id}`,
      `/dashboard/p/${project.id}/s/xss`,
    ]) {
      const res = await t.fetch(path, { headers: { cookie } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-security-policy')).toContain("script-src 'none'")
      const html = await res.text()
      for (const s of XSS.filter((x) => x.includes('<')))
        expect(html, `${path}: ${s}`).not.toContain(s)
      expect(html).not.toMatch(/(href|src|action)\s*=\s*["']?\s*javascript:/i)
      expect(html).not.toMatch(/<(img|script|svg)[^>]*\son\w+=/i)
      expect(html).not.toMatch(/<script/i)
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    }
  })
})

describe('formula cells are neutralised in every CSV', () => {
  const starters = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '=HYPERLINK("x")']
  it('admin export of responses and events, and the dashboard download', async () => {
    const t = await testApp()
    const now = Date.now()
    const events = starters.flatMap((s, i) => [
      {
        id: `ev-csv-resp-${i}0`,
        type: 'response',
        time: now,
        installId: s.startsWith('\t') ? 'install-tab' : 'install-csv',
        userId: s,
        surveyId: 'nps-demo',
        responseId: `resp-csv-${i}0`,
        answers: { score: 5, why: s },
        finished: true,
      },
      {
        id: `ev-csv-track-${i}`,
        type: 'track',
        time: now,
        installId: 'install-csv',
        name: s,
        userId: s,
      },
    ])
    expect((await (await t.send(t.demoKey, { sentAt: now, events })).json()).accepted).toBe(
      events.length,
    )
    const cookie = await dashboardSession(t)
    const csvs = {
      responses: await (await t.admin(`/projects/${t.demoId}/export?format=csv&bom=false`)).text(),
      events: await (
        await t.admin(`/projects/${t.demoId}/export?format=csv&type=events&bom=false`)
      ).text(),
      dashboard: (
        await (
          await t.fetch(`/dashboard/p/${t.demoId}/s/nps-demo/responses.csv`, {
            headers: { cookie },
          })
        ).text()
      ).replace(/^\ufeff/, ''),
    }
    for (const [name, csv] of Object.entries(csvs)) {
      const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat()
      // Every cell a spreadsheet would evaluate starts with ' instead.
      const live = cells.filter((c) => /^[=+\-@\t\r]/.test(c))
      expect(live, name).toEqual([])
      for (const s of starters) expect(cells, `${name}: ${JSON.stringify(s)}`).toContain(`'${s}`)
    }
  })
})
