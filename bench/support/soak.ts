/**
 * Soak driver shared by `npm run bench:soak` (5 minutes) and the 20-second integration test:
 * the built CLI as a child process on a SQLite file, autocannon at a fixed overall rate with
 * the browser traffic mix (config fetches and event batches, every event id new), and the
 * server's RSS read from /proc/<pid>/status once a second.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { freePort } from '../../test/support/ports'

const CLI = 'packages/server/dist/cli.js'

export interface SoakOptions {
  seconds: number
  /** Requests per second over all connections (autocannon overallRate). */
  rate: number
  connections?: number
  /** RSS after this many seconds is the "warmed-up" reference (default 10% of the run, ≥ 5 s). */
  warmupSeconds?: number
  /** Where the SQLite file goes (default the OS temp dir, a real disk here). */
  dbDir?: string
}

export interface RssSample {
  second: number
  rssMb: number
}

export interface SoakResult {
  seconds: number
  rate: number
  requests: number
  /** Requests per second actually completed. */
  throughput: number
  /** Socket errors + timeouts + non-2xx answers + 2xx ingest answers that rejected an event. */
  errors: number
  errorRate: number
  statuses: Record<string, number>
  p50: number
  p90: number
  p99: number
  maxLatency: number
  /** Events the server said it accepted, and what its own metric counted. */
  eventsAccepted: number
  eventsIngestedMetric: number
  rss: RssSample[]
  rssWarmMb: number
  rssEndMb: number
  rssMaxAfterWarmMb: number
  /** Lowest RSS in the minute after warm-up and in the last minute: RSS swings with each GC
   * cycle, so a leak shows as a rising floor, not as a high sample. */
  rssFloorWarmMb: number
  rssFloorEndMb: number
  warmupSeconds: number
  /** CPU used during the run, as % of one core: is the server or the generator the limit? */
  serverCpuPercent: number
  generatorCpuPercent: number
  serverOutput: string
}

/** utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15, in clock ticks). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Math.round(Number(m[1]) / 1024) : Number.NaN
  } catch {
    return Number.NaN
  }
}

async function startServer(dir: string, token: string) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CANDOR_DB_PATH: join(dir, 'candor.db'),
      CANDOR_ADMIN_TOKEN: token,
      // One load generator is one client: the per-client limit would answer 429 by design.
      CANDOR_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  return { url, pid: child.pid!, stop, output: () => output, exited: () => child.exitCode !== null }
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const dir = mkdtempSync(join(o.dbDir ?? tmpdir(), 'candor-soak-'))
  const token = `soak-admin-${Date.now()}-0123456789`
  const server = await startServer(dir, token).catch((err) => {
    rmSync(dir, { recursive: true, force: true })
    throw err
  })
  try {
    const auth = { authorization: `Bearer ${token}` }
    const projects = (await (
      await fetch(`${server.url}/v1/admin/projects`, { headers: auth })
    ).json()) as { items: Array<{ key: string }> }
    const key = projects.items[0]?.key
    if (!key) throw new Error('no seeded demo project')

    const run = Date.now().toString(36)
    let n = 0
    const id = (p: string) => `${p}-${run}-${(n++).toString(36).padStart(6, '0')}`
    const base = () => ({ time: Date.now(), installId: `install-${run}-${n % 997}` })
    const batch = (events: object[]) => JSON.stringify({ sentAt: Date.now(), events })
    let eventsAccepted = 0
    let rejectedBatches = 0
    const counted = (status: number, body: string) => {
      if (status !== 200) return
      const r = JSON.parse(body) as { accepted: number; rejected: unknown[] }
      eventsAccepted += r.accepted
      if (r.rejected.length) rejectedBatches++
    }
    const post = (make: () => object[]) => ({
      method: 'POST' as const,
      path: `/v1/p/${key}/events`,
      // text/plain, as sendBeacon and the SDK's no-preflight path send it.
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      setupRequest: (req: autocannon.Request) => ({ ...req, body: batch(make()) }),
      onResponse: counted,
    })

    const rss: RssSample[] = []
    const serverCpu0 = cpuSeconds(server.pid)
    const ownCpu0 = process.cpuUsage()
    const started = Date.now()
    const sampler = setInterval(() => {
      rss.push({ second: Math.round((Date.now() - started) / 1000), rssMb: rssMb(server.pid) })
    }, 1000)
    rss.push({ second: 0, rssMb: rssMb(server.pid) })

    const result = await autocannon({
      url: server.url,
      duration: o.seconds,
      overallRate: o.rate,
      connections: o.connections ?? 100,
      timeout: 10,
      requests: [
        { method: 'GET', path: `/v1/p/${key}/config` },
        post(() => [
          { ...base(), id: id('ev'), type: 'track', name: 'export_clicked', props: { n: 1 } },
          { ...base(), id: id('ev'), type: 'track', name: 'page_view' },
        ]),
        post(() => [
          {
            ...base(),
            id: id('ev'),
            type: 'response',
            surveyId: 'nps-demo',
            responseId: id('resp'),
            answers: { score: n % 11 },
            finished: n % 2 === 0,
          },
        ]),
        post(() => [
          { ...base(), id: id('ev'), type: 'display', surveyId: 'nps-demo' },
          { ...base(), id: id('ev'), type: 'feedback', text: 'Works well, thanks', rating: 4 },
        ]),
      ],
    })
    clearInterval(sampler)
    const wall = (Date.now() - started) / 1000
    const serverCpu = cpuSeconds(server.pid) - serverCpu0
    const ownCpu = process.cpuUsage(ownCpu0)
    rss.push({ second: Math.round((Date.now() - started) / 1000), rssMb: rssMb(server.pid) })

    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    const ingested = /^candor_events_ingested_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)

    const statuses: Record<string, number> = {}
    for (const [k, v] of Object.entries(result.statusCodeStats ?? {}))
      statuses[k] = (v as { count: number }).count
    const errors = result.errors + result.timeouts + result.non2xx + rejectedBatches
    const requests = result.requests.total
    const warmupSeconds = o.warmupSeconds ?? Math.max(5, Math.round(o.seconds / 10))
    const warm = rss.find((s) => s.second >= warmupSeconds) ?? rss[0]!
    const afterWarm = rss.filter((s) => s.second >= warmupSeconds)
    const last = rss[rss.length - 1]!.second
    const floor = (from: number, to: number) =>
      Math.min(...rss.filter((s) => s.second >= from && s.second <= to).map((s) => s.rssMb))
    const window = Math.min(60, Math.max(1, Math.floor((last - warmupSeconds) / 2)))
    if (server.exited()) throw new Error(`server died during the soak:\n${server.output()}`)
    return {
      seconds: o.seconds,
      rate: o.rate,
      requests,
      throughput: Math.round(requests / o.seconds),
      errors,
      errorRate: requests ? errors / requests : 0,
      statuses,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      maxLatency: result.latency.max,
      eventsAccepted,
      eventsIngestedMetric: ingested ? Number(ingested[1]) : Number.NaN,
      rss,
      rssWarmMb: warm.rssMb,
      rssEndMb: rss[rss.length - 1]!.rssMb,
      rssMaxAfterWarmMb: Math.max(...afterWarm.map((s) => s.rssMb)),
      rssFloorWarmMb: floor(warmupSeconds, warmupSeconds + window),
      rssFloorEndMb: floor(last - window, last),
      warmupSeconds,
      serverCpuPercent: Math.round((serverCpu / wall) * 100),
      generatorCpuPercent: Math.round(((ownCpu.user + ownCpu.system) / 1e6 / wall) * 100),
      serverOutput: server.output(),
    }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
