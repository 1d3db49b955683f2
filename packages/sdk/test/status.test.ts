import { describe, expect, it } from 'vitest'
import { verdict } from '../src/status'

describe('the status table', () => {
  it.each([
    [200, 'ok'],
    [202, 'ok'],
    [0, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [413, 'split'],
    [400, 'drop'],
    [401, 'drop'],
    [403, 'drop'],
    [404, 'drop'],
    [410, 'drop'],
    [422, 'drop'],
  ])('%i → %s', (status, v) => {
    expect(verdict(status)).toBe(v)
  })
})
