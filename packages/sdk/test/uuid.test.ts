import { describe, expect, it } from 'vitest'
import { uuidv7 } from '../src/uuid'

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 id with the time in its first 48 bits', () => {
    const t = Date.UTC(2030, 0, 2, 3, 4, 5, 678)
    const id = uuidv7(t)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t)
  })

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const t = Date.UTC(2031, 0, 1)
    const ids = [...Array.from({ length: 5000 }, () => uuidv7(t)), uuidv7(t - 10), uuidv7(t + 5)]
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
