/**
 * Hostile input against a real HTTP server (serve(), in this process, so a crash or a polluted
 * prototype would show here): 10,000 seeded bodies spread over every path of /openapi.json and
 * the dashboard, admin paths with no, wrong and right tokens. Zero 5xx, every error a JSON
 * `{error:{code,message}}`, prototypes untouched, heap back near its warmed-up baseline.
 * Replay a failure with HOSTILE_SEED=<seed>.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServerHandle, serve } from '../src/serve.js'
import { type HostileContext, hostileBody, prng, SQL_STRINGS } from './support/hostile.js'
import { type PgCluster, postgresAvailable, startPostgres } from './support/postgres.js'

const SEED = Number(process.env.HOSTILE_SEED ?? 20261123)
const BODIES = Number(process.env.HOSTILE_BODIES ?? 10_000)
/** PostgreSQL round trips make each body dearer: half as many there, same seed. */
const PG_BODIES = Math.ceil(BODIES / 2)
const CONCURRENCY = 8
const TOKEN = 'hostile-admin-token-0123456789abcdef'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const ctx: HostileContext = {
  validEvent(rand) {
    const id = `ev-${Math.floor(rand() * 2 ** 48).toString(36)}-${Math.floor(rand() * 1e9).toString(36)}`
    const base = { id, time: Date.now(), installId: 'install-hostile-01' }
    switch (Math.floor(rand() * 4)) {
      case 0:
        return { ...base, type: 'track', name: 'clicked', props: { plan: 'pro', n: 3 } }
      case 1:
        return { ...base, type: 'feedback', text: 'works', rating: 4 }
      case 2:
        return { ...base, type: 'display', surveyId: 'nps-demo' }
      default:
        return {
          ...base,
          type: 'response',
          surveyId: 'nps-demo',
          responseId: `resp-hostile-${Math.floor(rand() * 50)}`,
          answers: { score: Math.floor(rand() * 11) },
          finished: rand() < 0.3,
        }
    }
  },
}

interface Answer {
  status: number
  contentType: string
  text: string
}

/** node:http with a keep-alive agent: much less client work per request than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 })
interface Init {
  method: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

function send(url: string, init: Init): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = init.body
    const headers = { ...init.headers }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
    const req = httpRequest(url, { method: init.method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

interface Target {
  method: string
  /** Path template with {projectKey}, {id}, {surveyId}, {webhookId}. */
  path: string
}

/** Built-in objects whose shape must not change, whatever the bodies say. */
function prototypeShapes() {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort().join(','),
  )
}

const MB = 1024 * 1024
const mb = (n: number) => Math.round(n / MB)

async function hostileRun(server: ServerHandle, label: string, bodies: number) {
  const warmup = bodies / 10
  const rand = prng(SEED)
  const base = server.url
  const demoKey = server.demo!.projectKey
  const demoId = server.demo!.projectId
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
  // Destructive admin calls (rotate-key, PATCH origins, DELETE) go to a project of their own,
  // so the public paths keep reaching the seeded demo project.
  const victim = (await (
    await fetch(`${base}/v1/admin/projects`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'victim' }),
    })
  ).json()) as { id: string }
  await fetch(`${base}/v1/admin/projects/${victim.id}/surveys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      id: 's1',
      name: 'victim survey',
      questions: [{ id: 'q', type: 'text', title: 'T' }],
    }),
  })

  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>
  }
  const targets: Target[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => /^(get|put|post|patch|delete|options|head)$/.test(m))
      .map((method) => ({ method: method.toUpperCase(), path })),
  )
  expect(targets.length).toBeGreaterThan(20)
  targets.push(
    { method: 'POST', path: '/dashboard/login' },
    { method: 'POST', path: '/dashboard/logout' },
    { method: 'GET', path: '/dashboard' },
    { method: 'GET', path: '/dashboard/p/{id}' },
    { method: 'GET', path: '/dashboard/p/{id}/s/{surveyId}' },
    { method: 'GET', path: '/dashboard/p/{id}/s/{surveyId}/responses.csv' },
    { method: 'GET', path: '/demo' },
    { method: 'GET', path: '/candor.js' },
    { method: 'GET', path: '/locales/{surveyId}' },
    // Methods nobody routes.
    { method: 'PUT', path: '/v1/p/{projectKey}/events' },
    { method: 'DELETE', path: '/v1/admin/projects/{id}' },
  )
  const hit = new Set<string>()

  const hostileSegment = () =>
    encodeURIComponent(
      [...SQL_STRINGS, '..', '%00', 'x'.repeat(1000), '__proto__', 'constructor', '😀', ''][
        Math.floor(rand() * 10)
      ]!,
    )

  function request(i: number): { url: string; init: Init; target: Target; kind: string } {
    const body = hostileBody(ctx, rand, i, 1024 * 1024)
    // Half of all bodies go to the ingest path, where the untrusted traffic is.
    const target =
      i % 2 === 0
        ? { method: 'POST', path: '/v1/p/{projectKey}/events' }
        : targets[Math.floor(i / 2) % targets.length]!
    hit.add(`${target.method} ${target.path}`)
    const admin = target.path.startsWith('/v1/admin')
    const sane = rand() < 0.8
    const path = target.path
      .replace('{projectKey}', sane ? demoKey : hostileSegment())
      .replace('{id}', sane ? (admin ? victim.id : demoId) : hostileSegment())
      .replace('{surveyId}', sane ? (admin ? 's1' : 'nps-demo') : hostileSegment())
      .replace('{webhookId}', hostileSegment())
    const headers: Record<string, string> = {}
    headers['content-type'] = [
      'application/json',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
    ][Math.floor(rand() * 5)]!
    if (admin || target.path.startsWith('/dashboard')) {
      const a = Math.floor(rand() * 4)
      if (a === 0) headers.authorization = `Bearer ${TOKEN}`
      if (a === 1) headers.authorization = `Bearer ${TOKEN.slice(0, -1)}X`
      if (a === 2) headers.authorization = `Basic ${'A'.repeat(Math.floor(rand() * 2000))}`
      if (rand() < 0.3) headers.cookie = `candor_session=${Date.now() + 1e6}.${'A'.repeat(43)}`
    }
    if (rand() < 0.2) headers.origin = ['null', 'https://evil.example', 'javascript:x', '*'][i % 4]!
    if (rand() < 0.1) headers['if-none-match'] = `"${'x'.repeat(Math.floor(rand() * 1000))}"`
    const canHaveBody = target.method !== 'GET' && target.method !== 'HEAD'
    let query = ''
    if (!canHaveBody) {
      // Raw bytes percent-encoded, invalid UTF-8 included.
      const bytes =
        typeof body.body === 'string' ? Buffer.from(body.body.slice(0, 2000)) : body.body
      const text = [...bytes.subarray(0, 1000)]
        .map((b) => `%${b.toString(16).padStart(2, '0')}`)
        .join('')
      const param = ['cursor', 'limit', 'from', 'to', 'format', 'type', 'surveyId', 'name'][
        Math.floor(rand() * 8)
      ]!
      query = `?${param}=${text}&limit=${['0', '-1', '1e9', 'NaN', '5'][i % 5]}`
    }
    return {
      url: `${base}${path}${query}`,
      init: { method: target.method, headers, body: canHaveBody ? body.body : undefined },
      target,
      kind: body.kind,
    }
  }

  const statuses = new Map<number, number>()
  const failures: string[] = []
  async function runRange(from: number, to: number) {
    let next = from
    // Requests are drawn in order (the PRNG sequence stays the same), sent CONCURRENCY at a time.
    const worker = async () => {
      while (next < to) {
        const i = next++
        const r = request(i)
        const where = `#${i} ${r.kind} ${r.init.method} ${r.target.path}`
        let res: Answer
        try {
          res = await send(r.url, r.init)
        } catch (err) {
          failures.push(`${where}: no answer (${err})`)
          continue
        }
        const { status, text } = res
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (status >= 500) failures.push(`${where}: ${status} ${text.slice(0, 300)}`)
        else if (status >= 400 && res.contentType.includes('json')) {
          const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }
          if (typeof json.error?.code !== 'string' || typeof json.error.message !== 'string')
            failures.push(`${where}: error body ${text.slice(0, 300)}`)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  }

  const shapes = prototypeShapes()
  const started = performance.now()
  await runRange(0, warmup)
  gc()
  const baseline = process.memoryUsage()
  await runRange(warmup, bodies)
  gc()
  gc()
  const after = process.memoryUsage()
  const seconds = (performance.now() - started) / 1000

  // Memory back to baseline: what the bodies after the warm-up left on the heap after GC.
  const grew = after.heapUsed - baseline.heapUsed
  console.info(
    `hostile ${label}: ${bodies} bodies in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(
      Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    )}, heap ${mb(baseline.heapUsed)} → ${mb(after.heapUsed)} MB, rss ${mb(baseline.rss)} → ${mb(after.rss)} MB`,
  )
  expect(failures, failures.slice(0, 10).join('\n')).toEqual([])
  // The server is still up and well.
  expect((await fetch(`${base}/healthz`)).status).toBe(200)
  expect((await fetch(`${base}/readyz`)).status).toBe(200)
  // Prototype pollution: nothing gained a property, nothing was replaced.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(prototypeShapes()).toEqual(shapes)
  // Every route was reached, and the bodies reached both verdicts.
  expect(hit.size).toBe(new Set(targets.map((t) => `${t.method} ${t.path}`)).size)
  expect(statuses.get(200)).toBeGreaterThan(bodies / 20)
  expect(statuses.get(400)).toBeGreaterThan(bodies / 10)
  expect(statuses.get(413)).toBeGreaterThan(0)
  expect(statuses.get(401)).toBeGreaterThan(0)
  expect(grew).toBeLessThan(24 * MB)
}

function startOn(opts: { dbPath?: string; databaseUrl?: string }) {
  return serve({
    ...opts,
    port: 0,
    adminToken: TOKEN,
    webhooks: false,
    // On, so its bucket map meets the hostile keys too, but too high to refuse anything.
    rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
  })
}

describe('hostile input on SQLite (real HTTP server)', () => {
  let dir: string
  let server: ServerHandle
  beforeAll(async () => {
    // tmpfs where there is one: fsync per commit would make this a disk benchmark.
    dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'candor-hostile-'))
    server = await startOn({ dbPath: join(dir, 'candor.db') })
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })
  it(`${BODIES} bodies: no 5xx, no crash, no pollution, heap back to baseline`, async () => {
    await hostileRun(server, 'sqlite', BODIES)
  }, 120_000)
})

describe.runIf(postgresAvailable())('hostile input on PostgreSQL (real HTTP server)', () => {
  let cluster: PgCluster
  let server: ServerHandle
  beforeAll(async () => {
    cluster = await startPostgres()
    server = await startOn({ databaseUrl: await cluster.createDatabase() })
  })
  afterAll(async () => {
    await server?.close()
    await cluster?.stop()
  })
  it(`${PG_BODIES} bodies: no 5xx, no crash, no pollution, heap back to baseline`, async () => {
    await hostileRun(server, 'postgres', PG_BODIES)
  }, 180_000)
})
