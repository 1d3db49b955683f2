/** Real Chromium through playwright-core: the system browser, never a downloaded one. */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { systemPart } from '../../support/system'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when Chromium can run here; in CI a missing browser throws instead. */
export const hasBrowser = systemPart(
  'Chromium',
  existsSync(chromiumPath),
  `install the Debian package "chromium" or set CHROMIUM_PATH (looked at ${chromiumPath})`,
)

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // This machine's network is closed: background services would only fail and slow down.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}
