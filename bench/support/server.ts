/**
 * Bench servers as child processes, so the load generator (this process) and the server do
 * not share an event loop: the Candor CLI on SQLite or PostgreSQL, or a bare hono handler
 * (server-bare.ts) that parses the body and discards it. The CLI runs from src through tsx
 * (`--conditions=source`, the same code the build emits, transpiled once at load) so a
 * rebuild of dist by someone else mid-run cannot pull it away; BENCH_SERVER=dist runs the
 * built packages/server/dist/cli.js instead.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { freePort } from '../../test/support/ports'

const CLI = 'packages/server/dist/cli.js'
const SRC_CLI = 'packages/server/src/cli.ts'

export interface BenchServer {
  url: string
  /** Project key of a project created for the bench (any key for the bare server). */
  key: string
  projectId: string
  adminToken: string
  /** Server pid, for `--cpu-prof` runs or top. */
  pid: number
  stop(): Promise<void>
}

export interface CandorServerOptions {
  dbPath?: string
  databaseUrl?: string
  /** Extra node flags for the server, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[]
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench server exited early:\n${output()}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`bench server did not become healthy:\n${output()}`)
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
}

/** The real server, rate limit off, warn-level logs (no per-request access log). */
export async function startCandorServer(o: CandorServerOptions): Promise<BenchServer> {
  const fromDist = process.env.BENCH_SERVER === 'dist'
  if (fromDist && !existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build"`)
  const port = await freePort()
  const adminToken = `bench-admin-${port}-${Date.now()}`
  const url = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    CANDOR_ADMIN_TOKEN: adminToken,
    CANDOR_RATE_LIMIT: 'off',
    LOG_LEVEL: 'warn',
  }
  if (o.databaseUrl) env.CANDOR_DATABASE_URL = o.databaseUrl
  if (o.dbPath) env.CANDOR_DB_PATH = o.dbPath
  const entry = fromDist ? [CLI] : ['--conditions=source', '--import', 'tsx', SRC_CLI]
  const child = spawn(process.execPath, [...(o.nodeFlags ?? []), ...entry, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  child.stdout?.on('data', (d) => {
    printed += d
  })
  child.stderr?.on('data', (d) => {
    printed += d
  })
  await waitHealthy(url, child, () => printed)
  const res = await fetch(`${url}/v1/admin/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `bench ${Date.now()}`, allowedOrigins: [] }),
  })
  if (res.status !== 201) throw new Error(`create project: ${res.status} ${await res.text()}`)
  const project = (await res.json()) as { id: string; key: string }
  return {
    url,
    key: project.key,
    projectId: project.id,
    adminToken,
    pid: child.pid!,
    stop: stopper(child),
  }
}

/** A bare hono + @hono/node-server handler: reads and JSON-parses the body, discards it. */
export async function startBareServer(): Promise<BenchServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/support/server-bare.ts', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let printed = ''
  child.stdout?.on('data', (d) => {
    printed += d
  })
  child.stderr?.on('data', (d) => {
    printed += d
  })
  await waitHealthy(url, child, () => printed)
  return {
    url,
    key: 'pk_bare',
    projectId: '',
    adminToken: '',
    pid: child.pid!,
    stop: stopper(child),
  }
}
