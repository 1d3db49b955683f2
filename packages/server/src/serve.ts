/**
 * The thin Node listener around the app: opens the store, resolves the admin token, seeds
 * the demo, starts the webhook worker, listens, and shuts down gracefully (in-flight requests
 * finish, then the store closes).
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve as listen } from '@hono/node-server'
import { type Logger, pino } from 'pino'
import { resolveAdminToken } from './admin-token.js'
import { type AppOptions, createApp } from './app.js'
import { createMetrics } from './metrics.js'
import { seedDemo } from './seed.js'
import { openStore } from './store/open.js'
import type { Store } from './store/store.js'
import { startWebhookWorker, type WebhookWorkerOptions } from './webhooks/worker.js'

export interface ServeOptions
  extends Partial<Omit<AppOptions, 'store' | 'adminToken' | 'adminTokenHash' | 'logger'>> {
  /** 0 picks a free port (tests). Default 8787. */
  port?: number
  /** Default 127.0.0.1; use 0.0.0.0 in containers. */
  host?: string
  /** Use this store (not closed by close() unless `closeStore`), else open one. */
  store?: Store
  closeStore?: boolean
  dbPath?: string
  databaseUrl?: string
  adminToken?: string
  /** Seed the demo project and survey on an empty database (default true). */
  seed?: boolean
  /** Webhook sender options, or false to not run one here (default on). */
  webhooks?: Omit<WebhookWorkerOptions, 'store' | 'logger' | 'metrics'> | false
  logger?: Logger
  /** Longest wait for in-flight requests on close (default 10 s). */
  shutdownTimeoutMs?: number
}

export interface ServerHandle {
  url: string
  port: number
  store: Store
  /** The admin token in clear when it was given or made by this start, else null. */
  adminToken: string | null
  adminTokenCreated: boolean
  demo: { projectId: string; projectKey: string } | null
  close(): Promise<void>
}

export async function serve(opts: ServeOptions = {}): Promise<ServerHandle> {
  const logger = opts.logger ?? pino({ level: 'silent' })
  const ownsStore = !opts.store || opts.closeStore === true
  const store =
    opts.store ?? (await openStore({ dbPath: opts.dbPath, databaseUrl: opts.databaseUrl }))
  const admin = await resolveAdminToken(store, opts.adminToken)
  const seeded = opts.seed === false ? null : await seedDemo(store)
  const metrics = opts.metrics ?? createMetrics({ defaultMetrics: true })
  const app = createApp({ ...opts, store, adminTokenHash: admin.hash, logger, metrics })
  const worker =
    opts.webhooks === false
      ? null
      : startWebhookWorker({ ...opts.webhooks, store, logger, metrics })

  const host = opts.host ?? '127.0.0.1'
  const server = await new Promise<Server>((resolve, reject) => {
    const s = listen({ fetch: app.fetch, port: opts.port ?? 8787, hostname: host }, () =>
      resolve(s as Server),
    ) as Server
    s.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`

  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        const force = setTimeout(
          () => server.closeAllConnections(),
          opts.shutdownTimeoutMs ?? 10_000,
        )
        force.unref()
        // Idle keep-alive sockets would hold close() open; busy ones finish their request and
        // are closed as soon as they turn idle.
        const idle = setInterval(() => server.closeIdleConnections(), 50)
        server.close(() => {
          clearTimeout(force)
          clearInterval(idle)
          resolve()
        })
        server.closeIdleConnections()
      })
      await worker?.stop()
      if (ownsStore) await store.close()
    })()
    return closing
  }

  return {
    url,
    port,
    store,
    adminToken: admin.token,
    adminTokenCreated: admin.created,
    demo: seeded?.project ? { projectId: seeded.project.id, projectKey: seeded.project.key } : null,
    close,
  }
}
