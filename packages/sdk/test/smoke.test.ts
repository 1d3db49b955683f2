import { describe, expect, it } from 'vitest'
import { makeCandor } from './support/fakes'

describe('smoke', () => {
  it('tracks and flushes', async () => {
    const { candor, server } = makeCandor({ consent: 'granted' })
    candor.track('a', { x: 1 })
    candor.feedback({ text: 'hi' })
    const r = await candor.flush()
    expect(r).toEqual({ sent: 2, pending: 0, dropped: 0 })
    expect(server.stored.size).toBe(2)
  })
})
