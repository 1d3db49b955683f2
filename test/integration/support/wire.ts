/** Raw wire calls for fault tests that need to see one answer (not the SDK's retries). */
import { randomUUID } from 'node:crypto'

/** A valid track event with a fresh id. */
export const wireTrack = (name = 'probe') => ({
  id: randomUUID(),
  type: 'track',
  time: Date.now(),
  installId: 'install-fault-probe',
  name,
})

/** POSTs `events` as one envelope; returns the status, Retry-After and parsed body. */
export async function postEvents(base: string, key: string, events: unknown[]) {
  const res = await fetch(`${base}/v1/p/${key}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sentAt: Date.now(), events }),
  })
  const text = await res.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body }
}
