import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { openSqliteStore } from '../src/store/sqlite.js'
import { envelope, responseEvent, testApp, trackEvent } from './support/app.js'

const IP = '203.0.113.77'

describe('privacy', () => {
  it('never writes the client IP to the database or the logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-privacy-'))
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const store = await openSqliteStore(join(dir, 'candor.db'))
    const t = await testApp({
      store,
      trustProxy: true,
      rateLimit: { perSecond: 100, burst: 100 },
      logger: pino({ level: 'debug' }, sink),
    })
    const headers = { 'x-forwarded-for': IP, 'user-agent': 'Mozilla/5.0 test' }
    const res = await t.send(
      t.demoKey,
      envelope([trackEvent(), responseEvent({ finished: true })]),
      { headers },
    )
    expect(res.status).toBe(200)
    await t.fetch(`/v1/p/${t.demoKey}/config`, { headers })
    await store.close()

    expect(lines.some((l) => l.includes('"route":"/v1/p/:key/events"'))).toBe(true)
    expect(lines.join('')).not.toContain(IP)
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file))
      expect(bytes.includes(Buffer.from(IP)), file).toBe(false)
      expect(bytes.includes(Buffer.from('install-0001')), file).toBe(
        file === 'candor.db' || bytes.length > 0,
      )
    }
  })
})
