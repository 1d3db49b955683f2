/**
 * The real SDK delivery engine in Node: createCandor from @candor/sdk on fake-indexeddb and
 * Node's fetch, the same outbox, batching, backoff and retry code that runs in browsers. It
 * records which event ids the SDK saved and which the server acked, so fault tests can check
 * "every acked event is stored" and "every saved event ends up stored once".
 */
import 'fake-indexeddb/auto'
import { type Candor, createCandor } from '@candor/sdk'

export interface RecordingClient {
  candor: Candor
  /** Ids of every event the SDK wrote to its outbox, in order. */
  saved: string[]
  /** Ids the server acknowledged (a 200 for their request), in order of the acks. */
  acked: Set<string>
  /** Events the SDK gave up on (must stay 0 in fault tests: every fault here is retryable). */
  dropped(): number
  /** track() calls made so far. */
  tracked(): number
  /** Sends `count` track events, a few per macrotask, while delivery runs. */
  stream(count: number, perTick?: number): Promise<void>
  /** flush() until the outbox is empty; throws with the counts after `ms`. */
  drain(ms?: number): Promise<void>
  shutdown(): void
}

export function recordingClient(endpoint: string, projectKey: string): RecordingClient {
  const candor = createCandor({
    endpoint,
    projectKey,
    consent: 'granted',
    surveys: false,
    // Fast retries keep the test short; the server's Retry-After (5 s on 503) is cut to 300 ms.
    delivery: {
      // Room for every event of a test while the server is down: no eviction.
      maxCount: 100_000,
      batchCount: 25,
      flushDelay: 5,
      interval: 100,
      baseDelay: 50,
      maxDelay: 300,
      maxRetryAfter: 300,
    },
  })
  const saved: string[] = []
  const acked = new Set<string>()
  let seq = 0
  let dropped = 0
  candor.on('delivery', (n) => {
    if (n.type === 'saved') saved.push(n.eventId)
    else if (n.type === 'sent') for (const id of n.eventIds) acked.add(id)
    else dropped += n.count
  })
  return {
    candor,
    saved,
    acked,
    dropped: () => dropped,
    tracked: () => seq,
    async stream(count, perTick = 5) {
      for (let i = 0; i < count; i++) {
        candor.track('fault_test', { seq: seq++ })
        if (i % perTick === perTick - 1) await new Promise((r) => setTimeout(r, 1))
      }
    },
    async drain(ms = 20_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const r = await candor.flush()
        if (r.pending === 0 && saved.length === seq && acked.size >= saved.length) return
        if (Date.now() > deadline)
          throw new Error(
            `outbox not drained: ${JSON.stringify(r)}, saved ${saved.length}/${seq}, acked ${acked.size}`,
          )
        await new Promise((res) => setTimeout(res, 100))
      }
    },
    shutdown: () => candor.shutdown(),
  }
}
