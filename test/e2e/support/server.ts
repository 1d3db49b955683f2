/**
 * The real collection server as a child process (the built CLI, as users run it), on a free
 * port with its own temporary SQLite file, so tests can kill it and start it again.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../support/ports'

const cli = 'packages/server/dist/cli.js'

export interface ServerOptions {
  /** Extra environment for the server process. */
  env?: Record<string, string>
}

export interface TestServer {
  url: string
  port: number
  adminToken: string
  dbPath: string
  /** The seeded demo project. */
  project: { id: string; key: string }
  /** Admin API call; returns parsed JSON and asserts nothing. */
  admin<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>
  /** All merged responses of the demo project (follows cursors). */
  responses(): Promise<ServerResponseRow[]>
  /** SIGKILL, no goodbye: what a crash looks like. */
  kill(): void
  /** Start again on the same port and database. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Everything the process printed. */
  output(): string
}

export interface ServerResponseRow {
  id: string
  surveyId: string
  finished: boolean
  answers: Record<string, unknown>
  [key: string]: unknown
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`)
  const dir = mkdtempSync(join(tmpdir(), 'candor-e2e-'))
  const dbPath = join(dir, 'candor.db')
  const port = await freePort()
  const adminToken = `test-admin-${port}-${Date.now()}`
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  let printed = ''

  const start = async () => {
    child = spawn(process.execPath, [cli, 'serve'], {
      env: {
        ...process.env,
        ...options.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CANDOR_DB_PATH: dbPath,
        CANDOR_ADMIN_TOKEN: adminToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (d) => (printed += d))
    child.stderr?.on('data', (d) => (printed += d))
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${printed}`)
      try {
        if ((await fetch(`${url}/healthz`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`server did not become healthy:\n${printed}`)
  }

  const admin = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T }
  }

  await start()
  const projects = await admin<{ items: { id: string; key: string; name: string }[] }>(
    '/v1/admin/projects',
  )
  const demo = projects.body.items[0]
  if (!demo) throw new Error(`no seeded demo project:\n${printed}`)

  const stop = async () => {
    const c = child
    if (!c || c.exitCode !== null) return
    const exited = new Promise((r) => c.once('exit', r))
    c.kill('SIGTERM')
    await exited
  }

  return {
    url,
    port,
    adminToken,
    dbPath,
    project: { id: demo.id, key: demo.key },
    admin,
    async responses() {
      const rows: ServerResponseRow[] = []
      let cursor: string | null = null
      do {
        const q: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
        const page = await admin<{ items: ServerResponseRow[]; nextCursor: string | null }>(
          `/v1/admin/projects/${demo.id}/responses${q}`,
        )
        if (page.status !== 200) throw new Error(`responses: ${page.status}`)
        rows.push(...page.body.items)
        cursor = page.body.nextCursor
      } while (cursor)
      return rows
    },
    kill() {
      child?.kill('SIGKILL')
    },
    start,
    async stop() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
    output: () => printed,
  }
}

/** Poll until `check` returns true (or throw with the last value after `ms`). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms
  let value = await read()
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met; last value: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 150))
    value = await read()
  }
  return value
}
