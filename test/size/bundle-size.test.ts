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
 * loader: 768 B (685 now; all a page compiles until the first command: the page-load goal is
 * ≤ 2 ms of main thread for it). core: 8,192 (7,981 now; the SDK with its survey engine).
 * ui: 10,550 (10,386 now). total: the size goal itself, 0.4 x the smallest full peer in
 * bench/results/size.md (Sentry init + feedbackIntegration, 47,882 B): 19,152 B (19,052 now).
 */
const budgets = { loader: 768, core: 8 * KB, ui: 10_550, total: 19_152 }

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length

describe('bundle size budgets', () => {
  const manifestPath = `${dist}/ui-manifest.json`
  it('the build produced candor.js and the hashed core and UI chunks', () => {
    expect(existsSync(`${dist}/candor.js`), 'run npm run build').toBe(true)
    expect(existsSync(manifestPath), 'run npm run build').toBe(true)
  })

  type Chunk = { file: string; integrity: string }
  const manifest = () => JSON.parse(readFileSync(manifestPath, 'utf8')) as Chunk & { core: Chunk }

  it(`candor.js (tag, stub swap, command queue) is at most ${budgets.loader} B gzip`, () => {
    expect(gz(`${dist}/candor.js`)).toBeLessThanOrEqual(budgets.loader)
  })

  it(`candor-core.js (the SDK and its survey engine) is at most ${budgets.core} B gzip`, () => {
    expect(gz(`${dist}/${manifest().core.file}`)).toBeLessThanOrEqual(budgets.core)
  })

  it(`candor-ui.js is at most ${budgets.ui} B gzip`, () => {
    expect(gz(`${dist}/${manifest().file}`)).toBeLessThanOrEqual(budgets.ui)
  })

  it(`candor.js, the core chunk and the UI chunk together are at most ${budgets.total} B gzip`, () => {
    const m = manifest()
    expect(
      gz(`${dist}/candor.js`) + gz(`${dist}/${m.core.file}`) + gz(`${dist}/${m.file}`),
    ).toBeLessThanOrEqual(budgets.total)
  })

  it.each([
    ['core', 'candor-core', () => manifest().core, 'candor.js'],
    ['UI', 'candor-ui', () => manifest(), 'the core chunk'],
  ] as const)(
    'the %s chunk name carries its content hash and %s pins its SRI hash',
    (_, prefix, chunk, by) => {
      const { file, integrity } = chunk()
      const code = readFileSync(`${dist}/${file}`)
      expect(file).toBe(
        `${prefix}.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`,
      )
      expect(integrity).toBe(`sha256-${createHash('sha256').update(code).digest('base64')}`)
      const pinner = by === 'candor.js' ? 'candor.js' : manifest().core.file
      const pinned = readFileSync(`${dist}/${pinner}`, 'utf8')
      expect(pinned).toContain(file)
      expect(pinned).toContain(integrity)
    },
  )

  it('candor.js carries no SDK code: the core chunk registers window.candorCore', () => {
    const loader = readFileSync(`${dist}/candor.js`, 'utf8')
    expect(loader).toContain('.candorCore')
    expect(loader).not.toContain('indexedDB')
    expect(readFileSync(`${dist}/${manifest().core.file}`, 'utf8')).toContain('.candorCore=')
  })
})
