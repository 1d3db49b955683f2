import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { serve } from '../src/serve.js'
import { trackEvent } from './support/app.js'

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'candor-serve-')), 'nested', 'candor.db')

describe('serve()', () => {
  it('listens, seeds once, makes the admin token once, and keeps data across restarts', async () => {
    const dbPath = tempDb()
    const first = await serve({ port: 0, dbPath })
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`)
    expect(first.adminTokenCreated).toBe(true)
    expect(first.demo?.projectKey).toMatch(/^pk_/)
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ ok: true })
    const auth = { authorization: `Bearer ${first.adminToken}` }
    const created = await fetch(`${first.url}/v1/admin/projects`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept' }),
    })
    expect(created.status).toBe(201)
    await first.close()

    const second = await serve({ port: 0, dbPath })
    expect(second.adminTokenCreated).toBe(false)
    expect(second.adminToken).toBeNull()
    expect(second.demo).toEqual(first.demo)
    const list = await (await fetch(`${second.url}/v1/admin/projects`, { headers: auth })).json()
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['Kept', 'Demo'])
    await second.close()
  })

  it('reads bodies from the Node request: a chunked body over the limit gets a 413 it can read', async () => {
    const s = await serve({ port: 0, dbPath: tempDb() })
    try {
      const url = `${s.url}/v1/p/${s.demo?.projectKey}/events`
      const answer = await new Promise<{ status: number; body: string; connection?: string }>(
        (resolve, reject) => {
          const req = request(url, { method: 'POST', headers: { 'content-type': 'text/plain' } })
          req.on('response', (res) => {
            let body = ''
            res.on('data', (d) => {
              body += d
            })
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
            )
          })
          req.on('error', reject)
          // No Content-Length: the limit (1 MiB by default) must hold while reading.
          const chunk = 'x'.repeat(64 * 1024)
          for (let i = 0; i < 24; i++) req.write(chunk)
          req.end()
        },
      )
      expect(answer.status).toBe(413)
      expect(answer.connection).toBe('close')
      expect(JSON.parse(answer.body).error.code).toBe('payload_too_large')
      // The server goes on serving, and a body within the limit is read whole.
      const ok = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({
          sentAt: Date.now(),
          events: [trackEvent()],
        }),
      })
      expect(ok.status).toBe(200)
      expect((await ok.json()).accepted).toBe(1)
    } finally {
      await s.close()
    }
  })

  it('close() lets an in-flight request finish', async () => {
    const s = await serve({ port: 0, dbPath: tempDb(), adminToken: 'tok-123456789' })
    const body = JSON.stringify({
      sentAt: Date.now(),
      events: [
        { id: 'evt-inflight', type: 'track', time: Date.now(), installId: 'install-1', name: 'x' },
      ],
    })
    const pending = fetch(`${s.url}/v1/p/${s.demo!.projectKey}/events`, { method: 'POST', body })
    await new Promise((r) => setTimeout(r, 5))
    const closed = s.close()
    const res = await pending
    expect(res.status).toBe(200)
    await closed
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow()
  })
})

describe('candor-server CLI', () => {
  it('serve prints the URLs, token and demo key, and exits 0 on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const child = spawn(tsx, [cli, 'serve'], {
      env: { ...process.env, PORT: '0', CANDOR_DB_PATH: tempDb(), LOG_LEVEL: 'silent' },
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000)
      child.stdout.on('data', () => {
        if (out.includes('Demo project id')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    expect(out).toMatch(/Candor server\s+http:\/\/127\.0\.0\.1:\d+/)
    expect(out).toMatch(/Demo page\s+http:\/\/127\.0\.0\.1:\d+\/demo/)
    expect(out).toMatch(/Dashboard\s+http:\/\/127\.0\.0\.1:\d+\/dashboard/)
    expect(out).toMatch(/Admin token\s+cat_\w{32}/)
    expect(out).toMatch(/Demo project key\s+pk_\w{24}/)
    const url = /Candor server\s+(\S+)/.exec(out)![1]!
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve)
      child.kill('SIGTERM')
    })
    expect(code).toBe(0)
  })
})
