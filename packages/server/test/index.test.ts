import { describe, expect, it } from 'vitest'
import * as api from '../src/index.js'

describe('@candor/server public API', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'createApp',
        'createMetrics',
        'demoProject',
        'demoSurvey',
        'hashToken',
        'openStore',
        'openPostgresStore',
        'openSqliteStore',
        'seedDemo',
        'serve',
      ].sort(),
    )
  })
})
