/** What a send's HTTP status means for the events in it (docs/DELIVERY.md has the table). */
export type Verdict = 'ok' | 'retry' | 'split' | 'drop'

export const verdict = (status: number): Verdict =>
  status >= 200 && status < 300
    ? 'ok'
    : status === 413
      ? 'split'
      : // 408 timeout and 429 too many are worth retrying; any other 4xx will fail again.
        status >= 400 && status < 500 && status !== 408 && status !== 429
        ? 'drop'
        : // 0 (network error), 5xx, and anything unexpected: keep the events and retry.
          'retry'
