// publint on every workspace package: exports maps, types first, files present.

import { readFileSync } from 'node:fs'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

let failed = false
for (const pkg of ['sdk', 'widget', 'server']) {
  const pkgDir = `packages/${pkg}`
  const { messages } = await publint({ pkgDir, level: 'warning', strict: true })
  const json = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8'))
  for (const m of messages) {
    failed = true
    console.error(`publint ${json.name}: ${formatMessage(m, json)}`)
  }
}
if (failed) process.exit(1)
console.log('publint: sdk, widget, server clean')
