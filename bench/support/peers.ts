/**
 * The peers Candor is measured against, built in the same run with the same minifier as
 * Candor's script-tag files (terser, the options of rollup.config.ts), from what a site would
 * actually ship. Peers live in bench/node_modules (bench/package.json, not a workspace), so
 * they never reach the product's dependencies; `npm ci --prefix bench` installs them if absent.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import nodeResolve from '@rollup/plugin-node-resolve'
import terserPlugin from '@rollup/plugin-terser'
import { rollup } from 'rollup'
import { type MinifyOptions, minify } from 'terser'

const peersDir = 'bench/node_modules'
const dist = 'packages/widget/dist'

/**
 * rollup.config.ts's terser options, less its `_`-property mangling: that is safe only for
 * Candor's own code (its `_` members never leave the bundle) and would break a peer.
 */
export const terserOptions: MinifyOptions = {
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  format: { comments: false },
}

/** One file a site serves: `path` is where the bench site serves it. */
export interface ShippedFile {
  label: string
  path: string
  code: string
}

export interface Peers {
  /** candor.js, the core chunk (SDK + survey engine), the UI chunk (the whole script-tag path). */
  candor: { loader: ShippedFile; core: ShippedFile; ui: ShippedFile }
  /** One bundle: `Sentry.init({ integrations: [Sentry.feedbackIntegration()] })`. */
  sentry: ShippedFile
  /** posthog-js dist/array.js and dist/surveys.js as shipped, and re-minified. */
  posthog: {
    array: ShippedFile
    surveys: ShippedFile
    arrayMin: ShippedFile
    surveysMin: ShippedFile
  }
  /** The @formbricks/js loader with its setup() call (it then fetches the SDK from the app). */
  formbricks: ShippedFile
}

/** Install the peers from bench/package-lock.json when bench/node_modules is missing. */
export function ensurePeers(): void {
  if (existsSync(`${peersDir}/@sentry/browser`)) return
  console.log('bench: installing peers (npm ci --prefix bench)')
  execFileSync('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund'], { stdio: 'inherit' })
}

/** Bundle an entry's source (imports resolved from bench/node_modules) into a minified IIFE. */
async function bundle(name: string, source: string): Promise<string> {
  const id = `\0entry:${name}`
  const b = await rollup({
    input: id,
    plugins: [
      {
        name: 'bench-entry',
        // The entry's imports resolve as if it sat in bench/, next to bench/node_modules.
        resolveId(s, importer) {
          if (s === id) return id
          return importer === id
            ? this.resolve(s, resolve('bench/entry.js'), { skipSelf: true })
            : null
        },
        load: (i) => (i === id ? source : null),
      },
      nodeResolve({ browser: true, rootDir: 'bench' }),
      terserPlugin(terserOptions),
    ],
    onwarn: () => {},
  })
  const { output } = await b.generate({ format: 'iife' })
  await b.close()
  return output[0].code
}

const read = (p: string) => readFileSync(p, 'utf8')

let built: Promise<Peers> | undefined

/** Build every peer once per process (size and pageload share the result). */
export function buildPeers(): Promise<Peers> {
  built ||= (async () => {
    ensurePeers()
    if (!existsSync(`${dist}/ui-manifest.json`)) throw new Error('run "npm run build" first')
    const m = JSON.parse(read(`${dist}/ui-manifest.json`)) as {
      file: string
      core: { file: string }
    }
    const candorFile = (label: string, file: string): ShippedFile => ({
      label,
      path: `/${file}`,
      code: read(`${dist}/${file}`),
    })
    const ph = (f: string) => read(`${peersDir}/posthog-js/dist/${f}`)
    const reminify = async (code: string) => (await minify(code, terserOptions)).code ?? ''
    const [sentry, formbricks, arrayMin, surveysMin] = await Promise.all([
      bundle(
        'sentry',
        `import * as Sentry from '@sentry/browser'
Sentry.init({ dsn: window.SENTRY_DSN, integrations: [Sentry.feedbackIntegration()] })`,
      ),
      bundle(
        'formbricks',
        `import formbricks from '@formbricks/js'
formbricks.setup({ appUrl: location.origin, workspaceId: 'bench' })`,
      ),
      reminify(ph('array.js')),
      reminify(ph('surveys.js')),
    ])
    return {
      candor: {
        loader: candorFile('candor.js', 'candor.js'),
        core: candorFile('candor-core chunk', m.core.file),
        ui: candorFile('candor-ui chunk', m.file),
      },
      sentry: {
        label: 'Sentry browser + feedbackIntegration',
        path: '/peers/sentry.js',
        code: sentry,
      },
      posthog: {
        array: { label: 'PostHog array.js', path: '/static/array.js', code: ph('array.js') },
        surveys: {
          label: 'PostHog surveys.js',
          path: '/static/surveys.js',
          code: ph('surveys.js'),
        },
        arrayMin: {
          label: 'PostHog array.js re-minified',
          path: '/peers/ph-array.js',
          code: arrayMin,
        },
        surveysMin: {
          label: 'PostHog surveys.js re-minified',
          path: '/peers/ph-surveys.js',
          code: surveysMin,
        },
      },
      formbricks: { label: 'Formbricks loader', path: '/peers/formbricks.js', code: formbricks },
    }
  })()
  return built
}
