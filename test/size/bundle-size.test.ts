/**
 * Hard size budgets for the script-tag files (gzip level 9, as CDNs serve them). Raising a
 * budget needs a reason in the same commit. Runs on the built files: `npm run build` first.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

const dist = 'packages/widget/dist'
const KB = 1024
/**
 * Figures as this file measures them (Node's gzip; the gzip CLI gives ~20 B more per file).
 * loader: 6 KB (6,097 B now; the SDK core). ui: 10,550 (10,386 now). total: the size goal
 * itself, 0.4 x the smallest full peer in bench/results/size.md (Sentry init +
 * feedbackIntegration, 47,882 B): 19,152 B (19,142 now).
 */
const budgets = { loader: 6 * KB, ui: 10_550, total: 19_152 }

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

describe('bundle size budgets', () => {
  const manifestPath = `${dist}/ui-manifest.json`
  it('the build produced candor.js and the hashed UI and survey engine chunks', () => {
    expect(existsSync(`${dist}/candor.js`), 'run npm run build').toBe(true)
    expect(existsSync(manifestPath), 'run npm run build').toBe(true)
  })

  type Chunk = { file: string; integrity: string }
  const manifest = () =>
    JSON.parse(readFileSync(manifestPath, 'utf8')) as Chunk & { surveys: Chunk }

  it(`candor.js (loader + core; the survey engine is a chunk) is at most ${budgets.loader} B gzip`, () => {
    expect(gz(`${dist}/candor.js`)).toBeLessThanOrEqual(budgets.loader)
  })

  it(`candor-ui.js is at most ${budgets.ui} B gzip`, () => {
    expect(gz(`${dist}/${manifest().file}`)).toBeLessThanOrEqual(budgets.ui)
  })

  it(`candor.js, the survey engine chunk and the UI chunk together are at most ${budgets.total} B gzip`, () => {
    const m = manifest()
    expect(
      gz(`${dist}/candor.js`) + gz(`${dist}/${m.surveys.file}`) + gz(`${dist}/${m.file}`),
    ).toBeLessThanOrEqual(budgets.total)
  })

  it.each([
    ['UI', 'candor-ui', () => manifest()],
    ['survey engine', 'candor-surveys', () => manifest().surveys],
  ] as const)(
    'the %s chunk name carries its content hash and candor.js pins its SRI hash',
    (_, prefix, chunk) => {
      const { file, integrity } = chunk()
      const code = readFileSync(`${dist}/${file}`)
      expect(file).toBe(
        `${prefix}.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`,
      )
      expect(integrity).toBe(`sha256-${createHash('sha256').update(code).digest('base64')}`)
      const loader = readFileSync(`${dist}/candor.js`, 'utf8')
      expect(loader).toContain(file)
      expect(loader).toContain(integrity)
    },
  )

  it('candor.js loads the survey engine from its chunk (window.candorSurveys)', () => {
    expect(readFileSync(`${dist}/candor.js`, 'utf8')).toContain('.candorSurveys')
    expect(readFileSync(`${dist}/${manifest().surveys.file}`, 'utf8')).toContain('.candorSurveys=')
  })
})
