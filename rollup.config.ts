/**
 * Every bundle: the npm ESM builds of @candor/sdk and @candor/widget, the script-tag files
 * (candor.js, candor-core.<hash>.js, candor-ui.<hash>.js and the UI's lazy chunks) and the Node
 * build of @candor/server. Built in order: the UI chunk first, so the core chunk can embed its
 * hashed name and SRI hash, then the core chunk, for candor.js.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import type { Plugin, RollupOptions } from 'rollup'
import esbuild from 'rollup-plugin-esbuild'

const ts = () =>
  esbuild({ target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact', sourceMap: false })

/**
 * For the script-tag UI chunk: classic `h(type, props, ...children)` calls instead of the
 * automatic runtime's `jsx(type, {...props, children: [...]})`, about 60 B gzip less. Every
 * .tsx file gets the import the classic transform needs (tsc and vitest keep the automatic one).
 */
const tsClassicJsx = (): Plugin[] => [
  {
    name: 'candor-classic-jsx',
    transform: (code, id) =>
      id.endsWith('.tsx') ? `import { h as $h, Fragment as $F } from 'preact';${code}` : null,
  },
  esbuild({
    target: 'es2020',
    jsx: 'transform',
    jsxFactory: '$h',
    jsxFragment: '$F',
    tsconfigRaw: { compilerOptions: { jsx: 'react' } },
    sourceMap: false,
  }),
]

const minify = () =>
  terser({
    ecma: 2020,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    // Internal `_`-prefixed properties never leave the bundle, so their names can shrink.
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  })

/** SRI with sha256, the shortest hash browsers accept: its base64 does not compress, and
 * the script-tag files carry 13 of them. */
const sri = (code: Buffer) => `sha256-${createHash('sha256').update(code).digest('base64')}`

const widgetDist = 'packages/widget/dist'
const uiManifest = `${widgetDist}/ui-manifest.json`

/** Writes `code` into dist as `candor-<name>.<content hash>.js`; its name and SRI hash. */
const writeHashed = (name: string, code: Buffer) => {
  const file = `candor-${name}.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`
  writeFileSync(`${widgetDist}/${file}`, code)
  return { file, integrity: sri(code) }
}

/** After the UI chunk is written: give it a content-hashed name and record its SRI hash. */
const hashUiChunk = (): Plugin => ({
  name: 'candor-hash-ui',
  writeBundle() {
    const { file, integrity } = writeHashed('ui', readFileSync(`${widgetDist}/candor-ui.js`))
    // `chunks`: the lazy files the UI chunk may fetch, for whoever serves or uploads dist.
    const lazy = JSON.parse(readFileSync(`${lazyTmp}/manifest.json`, 'utf8')) as {
      h: string
      i: Record<string, string>
    }
    const chunks = Object.entries(lazy.i).map(([n, sri]) => ({
      file: `candor-${n}.${lazy.h}.js`,
      integrity: sri,
    }))
    writeFileSync(uiManifest, JSON.stringify({ file, integrity, chunks }, null, 2))
  },
})

// The UI chunk's own lazy chunks: every locale but en (which it contains) and floating-ui.
const lazyChunks = ['ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pt', 'zh', 'anchor']
const lazyTmp = `${widgetDist}/.lazy`

/** Each lazy chunk is a tiny IIFE that stores its default export on window.candorX[name]. */
const lazyChunkBuilds: RollupOptions[] = lazyChunks.map((name) => ({
  input: `packages/widget/src/${name === 'anchor' ? 'placement/anchor' : `i18n/${name}`}.ts`,
  plugins: [nodeResolve({ browser: true }), ts(), minify()],
  output: {
    file: `${lazyTmp}/${name}.js`,
    format: 'iife',
    name: `candorX.${name}`,
    extend: true,
    exports: 'default',
  },
}))

/**
 * Before the UI chunk is built: name the lazy chunks `candor-<name>.<hash>.js` by one hash of
 * them all (so the UI chunk carries one hash, not eleven) and give it each one's SRI hash in
 * place of `__CANDOR_CHUNKS__`.
 */
const injectLazyChunks = (): Plugin => {
  let chunks = ''
  return {
    name: 'candor-lazy-chunks',
    buildStart() {
      const codes = lazyChunks.map((n) => readFileSync(`${lazyTmp}/${n}.js`))
      const all = createHash('sha256')
      for (const c of codes) all.update(c)
      const h = all.digest('hex').slice(0, 10)
      const i: Record<string, string> = {}
      lazyChunks.forEach((n, k) => {
        writeFileSync(`${widgetDist}/candor-${n}.${h}.js`, codes[k]!)
        i[n] = sri(codes[k]!)
      })
      chunks = JSON.stringify({ h, i })
      writeFileSync(`${lazyTmp}/manifest.json`, chunks)
    },
    transform(code) {
      return code.includes('__CANDOR_CHUNKS__')
        ? code.replaceAll('__CANDOR_CHUNKS__', chunks)
        : null
    },
  }
}

/** After the core chunk is written to the temp dir: name it `candor-core.<hash>.js` and record
 * it as `core: {file, integrity}` in ui-manifest.json. */
const hashCoreChunk = (): Plugin => ({
  name: 'candor-hash-core',
  writeBundle() {
    const core = writeHashed('core', readFileSync(`${lazyTmp}/core.js`))
    const m = JSON.parse(readFileSync(uiManifest, 'utf8')) as Record<string, unknown>
    writeFileSync(uiManifest, JSON.stringify({ ...m, core }, null, 2))
  },
})

/** The core chunk learns the UI chunk's hashed name and SRI hash at build time, candor.js the
 * core chunk's: `__CANDOR_<UI|CORE>_<FILE|SRI>__`, from ui-manifest.json. */
const injectManifest = (): Plugin => ({
  name: 'candor-inject-manifest',
  transform(code) {
    const names = /__CANDOR_(UI|CORE)_(FILE|SRI)__/g
    if (!names.test(code)) return null
    type Chunk = { file: string; integrity: string }
    const m = JSON.parse(readFileSync(uiManifest, 'utf8')) as Chunk & { core: Chunk }
    return code.replace(names, (_, chunk: string, what: string) => {
      const c = chunk === 'UI' ? m : m.core
      return JSON.stringify(what === 'FILE' ? c.file : c.integrity)
    })
  },
})

const isBare = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.includes('\0')

const config: RollupOptions[] = [
  {
    input: {
      index: 'packages/sdk/src/index.ts',
      schema: 'packages/sdk/src/schema.ts',
    },
    external: isBare,
    plugins: [ts()],
    output: { dir: 'packages/sdk/dist', format: 'es', entryFileNames: '[name].js' },
  },
  {
    input: { index: 'packages/widget/src/index.ts' },
    external: isBare,
    plugins: [ts()],
    output: { dir: widgetDist, format: 'es', entryFileNames: '[name].js' },
  },
  ...lazyChunkBuilds,
  {
    input: 'packages/widget/src/script-tag/ui-chunk.ts',
    plugins: [
      nodeResolve({ browser: true }),
      injectLazyChunks(),
      ...tsClassicJsx(),
      minify(),
      hashUiChunk(),
    ],
    output: { file: `${widgetDist}/candor-ui.js`, format: 'iife' },
  },
  {
    // The SDK core, loaded by candor.js on the first command or with the launcher on.
    input: 'packages/widget/src/script-tag/core-chunk.ts',
    plugins: [nodeResolve({ browser: true }), injectManifest(), ts(), minify(), hashCoreChunk()],
    output: { file: `${lazyTmp}/core.js`, format: 'iife' },
  },
  {
    input: 'packages/widget/src/script-tag/loader.ts',
    plugins: [nodeResolve({ browser: true }), injectManifest(), ts(), minify()],
    output: { file: `${widgetDist}/candor.js`, format: 'iife' },
  },
  {
    input: {
      index: 'packages/server/src/index.ts',
      cli: 'packages/server/src/cli.ts',
      // A worker thread's entry: loaded by URL from the sqlite chunk, next to it in dist.
      'sqlite-writer': 'packages/server/src/store/sqlite-writer.ts',
    },
    external: isBare,
    plugins: [ts()],
    output: {
      dir: 'packages/server/dist',
      format: 'es',
      entryFileNames: '[name].js',
      banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    },
  },
]

export default config
