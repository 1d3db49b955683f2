/** docs/openapi.json and docs/survey.schema.json are exactly what the server serves. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { testApp } from './support/app.js'

const FIX = 'docs are stale: run `npm run docs` and commit the result'

const checkedIn = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), 'utf8')

describe('checked-in API documents', () => {
  for (const [route, file] of [
    ['/openapi.json', 'openapi.json'],
    ['/schema/survey.json', 'survey.schema.json'],
  ] as const) {
    it(`docs/${file} equals GET ${route}`, async () => {
      const t = await testApp()
      const res = await t.fetch(route)
      expect(res.status).toBe(200)
      // Same form as scripts/docs.ts writes: two-space JSON and a final newline.
      const served = `${JSON.stringify(await res.json(), null, 2)}\n`
      let onDisk: string
      try {
        onDisk = checkedIn(file)
      } catch {
        throw new Error(`docs/${file} is missing: ${FIX}`)
      }
      if (onDisk !== served) expect.fail(`docs/${file} differs from GET ${route}: ${FIX}`)
    })
  }
})
