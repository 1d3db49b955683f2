/**
 * Client clocks are often wrong by minutes or years. The request's `sentAt` is read by the same
 * wrong clock, so `receivedAt - sentAt` is the skew (plus network delay, which is small next to
 * it); adding it to each event's client time puts events on the server's clock.
 */
export function correctTime(eventTime: number, sentAt: number, receivedAt: number): number {
  const corrected = eventTime + (receivedAt - sentAt)
  // An event cannot happen after it was received, nor before the epoch.
  return Math.max(0, Math.min(receivedAt, corrected))
}
