/**
 * An open-loop load generator: requests start at evenly spaced times (rate per second), on a
 * pool of keep-alive sockets, whatever the server's answers do. autocannon's fixed rate is a
 * per-second quota per connection: each second starts with a burst of the whole quota at full
 * speed, then nothing, so its p99 measures how long a 1-second burst takes to drain, not the
 * latency at a steady rate. Here each latency is counted from the request's scheduled start
 * (corrected for coordinated omission: a request held back by busy sockets waits on the clock).
 */
import { Agent, request } from 'node:http'

export interface PacedOptions {
  url: string
  /** Requests per second, evenly spaced. */
  rate: number
  seconds: number
  /** Most sockets open at once (requests wait for a free one, and that wait is counted). */
  sockets: number
  headers?: Record<string, string>
  body: () => string
}

export interface PacedResult {
  /** Requests answered 2xx per second of the run. */
  okPerSec: number
  ok: number
  errors: number
  p50: number
  p99: number
  max: number
}

export async function paced(o: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.sockets })
  const total = Math.round(o.rate * o.seconds)
  const latencies = new Float64Array(total)
  let ok = 0
  let errors = 0
  let done = 0
  const start = performance.now()
  const fire = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const finish = (good: boolean) => {
        latencies[i] = performance.now() - due
        if (good) ok++
        else errors++
        done++
        resolve()
      }
      const req = request(o.url, { method: 'POST', agent, headers: o.headers }, (res) => {
        res.resume()
        res.on('end', () => finish((res.statusCode ?? 0) < 300))
        res.on('error', () => finish(false))
      })
      req.on('error', () => finish(false))
      req.end(o.body())
    })
  const inFlight: Promise<void>[] = []
  let next = 0
  // A 1 ms tick starts every request that is due; a late tick starts the overdue ones at once.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now()
      while (next < total && start + (next * 1000) / o.rate <= now) {
        inFlight.push(fire(next, start + (next * 1000) / o.rate))
        next++
      }
      if (next >= total) {
        clearInterval(tick)
        resolve()
      }
    }, 1)
  })
  await Promise.all(inFlight)
  const elapsed = (performance.now() - start) / 1000
  agent.destroy()
  const sorted = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return {
    okPerSec: ok / elapsed,
    ok,
    errors,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
  }
}
