/**
 * The Candor app: a hono `fetch(Request) → Response`. Everything that touches the network
 * (listener, webhook sender) lives outside, so tests call `app.fetch` in-process.
 */
import { Hono } from 'hono'
import { type Logger, pino } from 'pino'
import { hashToken } from './http/auth.js'
import { ApiError, badRequest, errorResponse } from './http/errors.js'
import { RateLimiter, type RateLimitOptions } from './http/rate-limit.js'
import { createMetrics, type Metrics } from './metrics.js'
import { adminRoutes } from './routes/admin.js'
import { dashboardRoutes } from './routes/dashboard.js'
import { healthRoutes } from './routes/health.js'
import { publicRoutes } from './routes/public.js'
import { staticRoutes } from './routes/static.js'
import { defaultStaticDir } from './static-dir.js'
import { InvalidCursor } from './store/cursor.js'
import { classifyStoreError, describeUnavailable } from './store/errors.js'
import type { Store } from './store/store.js'

export interface AppOptions {
  store: Store
  /** The admin token in clear; or give `adminTokenHash` (hex SHA-256) instead. */
  adminToken?: string
  adminTokenHash?: string
  /** Built widget files; default packages/widget/dist or env CANDOR_STATIC_DIR. */
  staticDir?: string
  logger?: Logger
  metrics?: Metrics
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number
  /** Per project key + client; false disables (default 20/s, burst 100). */
  rateLimit?: RateLimitOptions | false
  /** Use the last X-Forwarded-For hop as the client address (behind one trusted proxy). */
  trustProxy?: boolean
  /** Cache-Control max-age of the public config, in seconds (default 30). */
  configMaxAge?: number
  /** Clock, for tests of skew correction. */
  now?: () => number
}

export interface AppContext {
  store: Store
  tokenHash: string
  staticDir: string
  logger: Logger
  metrics: Metrics
  maxBodyBytes: number
  limiter: RateLimiter | null
  trustProxy: boolean
  configMaxAge: number
  now: () => number
}

export function createApp(opts: AppOptions): Hono {
  const tokenHash = opts.adminTokenHash ?? (opts.adminToken ? hashToken(opts.adminToken) : null)
  if (!tokenHash) throw new Error('createApp needs adminToken or adminTokenHash')
  const ctx: AppContext = {
    store: opts.store,
    tokenHash,
    staticDir: opts.staticDir ?? defaultStaticDir(),
    logger: opts.logger ?? pino({ level: 'silent' }),
    metrics: opts.metrics ?? createMetrics(),
    maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
    limiter:
      opts.rateLimit === false
        ? null
        : new RateLimiter(opts.rateLimit ?? { perSecond: 20, burst: 100 }),
    trustProxy: opts.trustProxy ?? false,
    configMaxAge: opts.configMaxAge ?? 30,
    now: opts.now ?? Date.now,
  }

  const app = new Hono()

  app.use('*', async (c, next) => {
    const start = performance.now()
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    // The route pattern, not the path: keeps metric label cardinality bounded.
    const route = c.req.routePath || 'unmatched'
    ctx.metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    const seconds = (performance.now() - start) / 1000
    ctx.metrics.latency.observe({ method: c.req.method, route }, seconds)
    // Access log: the route pattern and status, never the client address or the query string
    // (it may carry filters over personal data).
    const quiet = route === '/healthz' || route === '/readyz' || route === '/metrics'
    const level = quiet ? 'debug' : 'info'
    // Checked first so that a server at LOG_LEVEL=warn builds no log object per request.
    if (ctx.logger.isLevelEnabled(level))
      ctx.logger[level](
        { method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) },
        'request',
      )
  })

  app.route('/', healthRoutes(ctx))
  app.route('/v1/p', publicRoutes(ctx))
  app.route('/v1/admin', adminRoutes(ctx))
  app.route('/', dashboardRoutes(ctx))
  app.route('/', staticRoutes(ctx))

  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', 'no such route')))
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err)
    if (err instanceof InvalidCursor)
      return errorResponse(c, badRequest('invalid_cursor', err.message))
    // PostgreSQL class 22 (data exception: bad encoding, out-of-range number) is bad input.
    const pgCode = (err as { code?: unknown }).code
    if (typeof pgCode === 'string' && /^22[0-9A-Z]{3}$/.test(pgCode))
      return errorResponse(
        c,
        badRequest('invalid_input', 'the request holds a value that cannot be stored'),
      )
    const unavailable = classifyStoreError(err)
    if (unavailable) {
      // The database is down, full or saturated: a 503 with Retry-After makes SDKs back off
      // and retry, and the log line names the cause.
      ctx.logger.error({ err, ...unavailable, path: c.req.path }, describeUnavailable(unavailable))
      return errorResponse(
        c,
        new ApiError(503, 'unavailable', 'storage is unavailable, retry later', {
          'Retry-After': '5',
        }),
      )
    }
    ctx.logger.error({ err, path: c.req.path }, 'unhandled error')
    return errorResponse(c, new ApiError(500, 'internal', 'internal server error'))
  })
  return app
}
