/**
 * A minimal round-robin HTTP load balancer for replica tests: each request goes to the next
 * upstream; an upstream that refuses the connection gets a 502, as nginx would answer. It
 * records every status it passed on, so a test can prove no replica answered 500.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RoundRobin {
  url: string
  /** Status codes passed on, per upstream index. */
  statuses: number[][]
  close(): Promise<void>
}

export async function roundRobin(upstreams: string[]): Promise<RoundRobin> {
  const statuses: number[][] = upstreams.map(() => [])
  let next = 0
  const server = createServer((req, res) => {
    const i = next++ % upstreams.length
    const target = new URL(req.url ?? '/', upstreams[i])
    const up = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        statuses[i]!.push(answer.statusCode ?? 0)
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    up.on('error', () => {
      statuses[i]!.push(502)
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('bad gateway')
    })
    req.pipe(up)
  })
  // Keep-alive sockets would hold close() open.
  server.keepAliveTimeout = 100
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    statuses,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
