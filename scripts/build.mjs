// Builds every bundle (rollup) and the type declarations (tsc).
// `--if-missing` skips the build when every output is already there (used by `npm start`).
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'

const outputs = [
  'packages/sdk/dist/index.js',
  'packages/sdk/dist/schema.d.ts',
  'packages/widget/dist/index.js',
  'packages/widget/dist/candor.js',
  'packages/widget/dist/ui-manifest.json',
  'packages/server/dist/cli.js',
]
if (process.argv.includes('--if-missing') && outputs.every((f) => existsSync(f))) process.exit(0)

// Start clean: content-hashed files from earlier builds must not linger and be served.
for (const pkg of ['sdk', 'widget', 'server'])
  rmSync(`packages/${pkg}/dist`, { recursive: true, force: true })

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })
const bin = (name) => `node_modules/.bin/${name}`
run(bin('rollup'), ['-c', 'rollup.config.ts', '--configPlugin', 'esbuild', '--silent'])
for (const pkg of ['sdk', 'widget', 'server']) {
  run(bin('tsc'), ['-p', `packages/${pkg}/tsconfig.build.json`])
}
