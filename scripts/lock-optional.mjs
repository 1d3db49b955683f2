// npm leaves out of package-lock.json the optional platform packages (rollup, biome binaries
// for other systems) that its registry cannot serve, and `npm ci` then refuses the lock as
// out of sync. This adds an entry for each one, tagged with its os/cpu/libc so no machine
// ever fetches one that is not its own. `--check` only reports (run by `npm test`).
import { readFileSync, writeFileSync } from 'node:fs'

const file = 'package-lock.json'
const lock = JSON.parse(readFileSync(file, 'utf8'))
const pkgs = lock.packages
const missing = []
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const hoisted = `node_modules/${dep}`
    if (pkgs[`${key ? `${key}/` : ''}node_modules/${dep}`] || pkgs[hoisted]) continue
    const name = dep
      .split('/')
      .pop()
      .replace(/gnueabihf|musleabihf/, '')
    const os = /(android|darwin|freebsd|linux|openbsd|openharmony|win32|sunos|aix|netbsd)/.exec(
      name,
    )
    const cpu = /(arm64|x64|ia32|arm|loong64|ppc64|riscv64|s390x|mips64el|wasm32)/.exec(name)
    const added = { version, optional: true }
    if (entry.dev) added.dev = true
    if (os) added.os = [os[1]]
    if (cpu) added.cpu = [cpu[1]]
    if (dep.includes('musl')) added.libc = ['musl']
    pkgs[hoisted] = added
    missing.push(dep)
  }
}
if (process.argv.includes('--check')) {
  if (missing.length) {
    console.error(`package-lock.json lacks ${missing.join(', ')}: run "npm run lock:fix"`)
    process.exit(1)
  }
} else if (missing.length) {
  lock.packages = Object.fromEntries(
    Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  )
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
  console.log(`package-lock.json: added ${missing.length} optional platform entries`)
}
