/**
 * Sends pending webhook deliveries: claims due rows (one replica per row), POSTs the signed
 * JSON, records each attempt; failures retry with exponential backoff until maxAttempts.
 */
import type { Logger } from 'pino'
import type { Metrics } from '../metrics.js'
import { classifyStoreError, describeUnavailable } from '../store/errors.js'
import type { Store, Webhook, WebhookDelivery } from '../store/store.js'
import { signWebhook } from './sign.js'

export interface WebhookWorkerOptions {
  store: Store
  logger: Logger
  metrics?: Metrics
  /** Poll interval (default 1000 ms). */
  intervalMs?: number
  /** First retry delay, doubled each attempt (default 10 s). */
  backoffMs?: number
  /** Attempts before a delivery is marked failed (default 8). */
  maxAttempts?: number
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number
  fetch?: typeof fetch
}

export interface WebhookWorker {
  /** Runs one claim-and-send pass now (tests, and the timer). */
  tick(): Promise<number>
  stop(): Promise<void>
}

export function startWebhookWorker(opts: WebhookWorkerOptions): WebhookWorker {
  const interval = opts.intervalMs ?? 1000
  const backoff = opts.backoffMs ?? 10_000
  const maxAttempts = opts.maxAttempts ?? 8
  const timeoutMs = opts.timeoutMs ?? 10_000
  const doFetch = opts.fetch ?? fetch
  let running: Promise<number> | null = null
  let stopped = false
  const hookCache = new Map<string, Webhook | null>()

  async function hookFor(d: WebhookDelivery): Promise<Webhook | null> {
    if (!hookCache.has(d.webhookId)) {
      const hooks = await opts.store.listWebhooks(d.projectId)
      for (const h of hooks) hookCache.set(h.id, h)
      if (!hookCache.has(d.webhookId)) hookCache.set(d.webhookId, null)
    }
    return hookCache.get(d.webhookId) ?? null
  }

  async function send(d: WebhookDelivery): Promise<void> {
    const hook = await hookFor(d)
    const attempt = d.attempts + 1
    if (!hook?.active) {
      await opts.store.recordDeliveryAttempt(d.id, {
        status: 'failed',
        nextAttemptAt: Date.now(),
        lastStatus: null,
        lastError: 'webhook deleted or inactive',
      })
      return
    }
    let status: number | null = null
    let error: string | null = null
    try {
      const res = await doFetch(hook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'candor-webhooks/1',
          'Candor-Event': d.event,
          'Candor-Delivery': d.id,
          'Candor-Signature': signWebhook(hook.secret, d.payload, Math.floor(Date.now() / 1000)),
        },
        body: d.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
      status = res.status
      await res.body?.cancel().catch(() => {})
      if (!res.ok) error = `HTTP ${res.status}`
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    const ok = error === null
    const final = ok || attempt >= maxAttempts
    opts.metrics?.webhookDeliveries.inc({ outcome: ok ? 'succeeded' : final ? 'failed' : 'retry' })
    await opts.store.recordDeliveryAttempt(d.id, {
      status: ok ? 'succeeded' : final ? 'failed' : 'pending',
      nextAttemptAt: Date.now() + backoff * 2 ** (attempt - 1),
      lastStatus: status,
      lastError: error,
    })
    if (!ok) opts.logger.warn({ delivery: d.id, attempt, status, error }, 'webhook delivery failed')
  }

  async function pass(): Promise<number> {
    hookCache.clear()
    const due = await opts.store.claimDeliveries(Date.now(), 20, timeoutMs * 2)
    await Promise.all(due.map((d) => send(d).catch((err) => opts.logger.error({ err }, 'webhook'))))
    return due.length
  }

  const tick = () => {
    if (!running) running = pass().finally(() => (running = null))
    return running
  }
  // A store outage is logged once when it starts, not on every poll; the API's 503s and
  // /readyz already report it, and deliveries stay queued in the database meanwhile.
  let storeDown = false
  const timer = setInterval(() => {
    if (stopped) return
    tick().then(
      () => {
        if (storeDown) opts.logger.info('webhook worker: store available again')
        storeDown = false
      },
      (err) => {
        const down = classifyStoreError(err)
        if (!down) return opts.logger.error({ err }, 'webhook worker')
        if (!storeDown) opts.logger.warn(`webhook worker paused: ${describeUnavailable(down)}`)
        storeDown = true
      },
    )
  }, interval)
  timer.unref()

  return {
    tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running?.catch(() => {})
    },
  }
}
