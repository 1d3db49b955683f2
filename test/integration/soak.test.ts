/**
 * A 20-second soak at 1,000 requests/s against the built server on SQLite (the 5-minute run is
 * `npm run bench:soak`). Asserts on errors only: timings on a shared machine are not a test.
 */
import { describe, expect, it } from 'vitest'
import { runSoak } from '../../bench/support/soak'

describe('soak (20 s)', () => {
  it('answers every request with a 2xx and loses no event', async () => {
    const r = await runSoak({ seconds: Number(process.env.SOAK_TEST_SECONDS ?? 20), rate: 1000 })
    const { rss, serverOutput, ...figures } = r
    console.info(`soak: ${JSON.stringify(figures)}; rss ${rss.map((s) => s.rssMb).join(' ')}`)
    expect(r.requests).toBeGreaterThan(0)
    expect(r.errors, serverOutput).toBe(0)
    expect(Object.keys(r.statuses)).toEqual(['200'])
    // Every acked event was counted by the server (it may count a few more: the last in flight).
    expect(r.eventsIngestedMetric).toBeGreaterThanOrEqual(r.eventsAccepted)
    expect(serverOutput).not.toMatch(/"level":(50|60)/) // no error or fatal log line
  }, 60_000)
})
