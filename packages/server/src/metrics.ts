/** Prometheus metrics, one registry per app so several apps (tests, replicas in one process)
 * never collide on prom-client's global registry. */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

export interface Metrics {
  registry: Registry
  requests: Counter<'method' | 'route' | 'status'>
  latency: Histogram<'method' | 'route'>
  ingested: Counter
  duplicates: Counter
  rejected: Counter<'code'>
  clientDropped: Counter<'reason'>
  webhookDeliveries: Counter<'outcome'>
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry()
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry })
  const registers = [registry]
  return {
    registry,
    requests: new Counter({
      name: 'candor_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    latency: new Histogram({
      name: 'candor_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    ingested: new Counter({
      name: 'candor_events_ingested_total',
      help: 'Events stored (first time seen)',
      registers,
    }),
    duplicates: new Counter({
      name: 'candor_events_duplicate_total',
      help: 'Events received again (already stored, acked without storing)',
      registers,
    }),
    rejected: new Counter({
      name: 'candor_events_rejected_total',
      help: 'Events or requests rejected, by code',
      labelNames: ['code'],
      registers,
    }),
    clientDropped: new Counter({
      name: 'candor_client_dropped_total',
      help: 'Events the SDKs report having dropped, by reason',
      labelNames: ['reason'],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'candor_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome',
      labelNames: ['outcome'],
      registers,
    }),
  }
}
