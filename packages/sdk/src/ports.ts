/**
 * The ports the core runs on. The core never touches window, IndexedDB or fetch: the browser
 * adapters live in ./browser, tests pass fakes. Every port method resolves; a rejection is a
 * failure the core handles (storage falls back to memory, transport failures are retried).
 */
import type { WireEvent } from './schema'
import type { DeviceType } from './surveys/engine-types'

/** One outbox record. Field names are persisted: never `_`-prefixed (terser mangles those). */
export interface OutboxRecord {
  /** The event id (UUIDv7): storage order is time order. */
  id: string
  event: WireEvent
  /** UTF-8 bytes of the event's JSON, measured once when written. */
  size: number
  /** Client time the record was written (for the max age bound). */
  at: number
}

/** Outbox records plus a small key/value store (install id, user, drop counts, config cache). */
export interface Storage {
  /** The first `limit` records in id order (every record without a limit): one batch is read
   * without reading the whole outbox. */
  all(limit?: number): Promise<OutboxRecord[]>
  put(records: OutboxRecord[]): Promise<void>
  remove(ids: string[]): Promise<void>
  /** Remove every record and every key. */
  clear(): Promise<void>
  get<T>(key: string): Promise<T | undefined>
  /** `undefined` deletes the key. */
  set(key: string, value: unknown): Promise<void>
}

/** An HTTP answer, or `status: 0` when the network failed. A transport never rejects. */
export interface Reply {
  status: number
  body?: unknown
  retryAfter?: string | null
}

export interface Transport {
  /** POST a JSON body. `unload`: the page is going away (fetch keepalive / sendBeacon). */
  post(url: string, body: string, unload?: boolean): Promise<Reply>
  /** GET JSON. Conditional requests (ETag) are the transport's business: the browser's
   * HTTP cache does them. */
  get(url: string): Promise<Reply>
}

/** The cross-tab flush lock: one tab sends at a time. */
export interface Locks {
  /** Run `fn` holding the lock, waiting for it; `undefined` if the lock could not be had. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>
}

/** Page lifecycle signals that trigger a flush. Returns a cleanup. */
export type Lifecycle = (on: { online(): void; hidden(): void }) => () => void

export interface Platform {
  /** Called lazily, only once consent allows storing anything. */
  storage(): Storage
  transport: Transport
  locks: Locks
  lifecycle?: Lifecycle
  /** Browser trigger sources for the survey engine; returns a cleanup. */
  watch?: (engine: import('./surveys/engine').BrowserSurveyEngine) => () => void
  url(): string
  device(): DeviceType
  language(): string
  warn(message: string): void
  now(): number
  random(): number
  /** A timer; returns its cancel. */
  timer(fn: () => void, ms: number): () => void
}
