/**
 * The built CLI (`packages/server/dist/cli.js serve`) as a child process for fault tests: any
 * store (SQLite file or PostgreSQL URL), a fixed port that survives restarts, SIGKILL, and the
 * JSON log lines it printed. Unlike test/e2e/support/server.ts it owns no temp dir, so tests
 * can put the database where the fault is (a tiny tmpfs, a shared PostgreSQL).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { freePort } from '../../support/ports'

const cli = 'packages/server/dist/cli.js'

export interface ServerProcessOptions {
  /** SQLite file; ignored when `databaseUrl` is set. */
  dbPath?: string
  databaseUrl?: string
  adminToken: string
  port?: number
  /** Extra environment (the rate limit is off unless this turns it on). */
  env?: Record<string, string>
}

export interface ServerProcess {
  url: string
  port: number
  pid(): number | undefined
  /** Starts (again) on the same port and database; resolves once /healthz answers. */
  start(): Promise<void>
  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  kill(): Promise<void>
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>
  running(): boolean
  /** Resolves with the exit code of the current process. */
  exited(): Promise<number | null>
  /** Everything printed since the first start (stdout and stderr). */
  output(): string
  /** The JSON log lines printed so far. */
  logs(): Array<Record<string, unknown>>
  admin<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>
}

export async function serverProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`)
  const port = opts.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  let exit: Promise<number | null> = Promise.resolve(null)
  let printed = ''

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null)
      throw new Error('already running')
    const env: Record<string, string | undefined> = {
      ...process.env,
      CANDOR_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      ...opts.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CANDOR_ADMIN_TOKEN: opts.adminToken,
      CANDOR_DB_PATH: opts.dbPath,
      CANDOR_DATABASE_URL: opts.databaseUrl,
    }
    const c = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    child = c
    exit = new Promise((resolve) => c.once('exit', (code) => resolve(code)))
    c.stdout?.on('data', (d) => (printed += d))
    c.stderr?.on('data', (d) => (printed += d))
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      if (c.exitCode !== null) throw new Error(`server exited early:\n${printed}`)
      try {
        if ((await fetch(`${url}/healthz`)).ok) return
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`server did not become healthy:\n${printed}`)
  }

  const running = () => !!child && child.exitCode === null && child.signalCode === null

  await start()
  return {
    url,
    port,
    pid: () => child?.pid,
    start,
    running,
    exited: () => exit,
    async kill() {
      if (!running()) return
      child?.kill('SIGKILL')
      await exit
    },
    async stop() {
      if (!running()) return
      child?.kill('SIGTERM')
      await exit
    },
    output: () => printed,
    logs: () =>
      printed
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>]
          } catch {
            return []
          }
        }),
    async admin<T>(path: string, init: RequestInit = {}) {
      const res = await fetch(`${url}/v1/admin${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${opts.adminToken}`,
          'content-type': 'application/json',
          ...init.headers,
        },
      })
      const text = await res.text()
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T }
    },
  }
}

/** The demo project the first start seeded. */
export async function demoProject(s: ServerProcess): Promise<{ id: string; key: string }> {
  const list = await s.admin<{ items: Array<{ id: string; key: string }> }>('/projects')
  const demo = list.body.items[0]
  if (!demo) throw new Error(`no demo project:\n${s.output()}`)
  return demo
}

/** Stored ids of a project's events named `name`, through the admin API (all pages),
 * duplicates kept. */
export async function storedEventIds(
  s: ServerProcess,
  projectId: string,
  name = 'fault_test',
): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const q = `?limit=500&name=${encodeURIComponent(name)}${after}`
    const page: {
      status: number
      body: { items: Array<{ id: string }>; nextCursor: string | null }
    } = await s.admin<{ items: Array<{ id: string }>; nextCursor: string | null }>(
      `/projects/${projectId}/events${q}`,
    )
    if (page.status !== 200) throw new Error(`events: ${page.status} ${JSON.stringify(page.body)}`)
    ids.push(...page.body.items.map((e) => e.id))
    cursor = page.body.nextCursor
  } while (cursor)
  return ids
}
