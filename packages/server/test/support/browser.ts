/** The system Chromium via playwright-core (CHROMIUM_PATH overrides). Missing: the suite is
 * skipped with a loud warning, or fails when CI=true. */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true
  const message = `Chromium not found at ${chromiumPath} (install the Debian package "chromium" or set CHROMIUM_PATH)`
  if (process.env.CI === 'true') throw new Error(`CI requires ${message}`)
  console.warn(`\n!!! SKIPPING the dashboard browser suite: ${message} !!!\n`)
  return false
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  })
}
