/**
 * Suites that need a system part (Chromium, PostgreSQL) call `systemPart`. In CI (CI=true) a
 * missing part fails the run; elsewhere the suite is skipped with a loud warning.
 */
export function systemPart(name: string, available: boolean, howToGet: string): boolean {
  if (available) return true
  const message = `${name} is not available: ${howToGet}`
  if (process.env.CI === 'true') throw new Error(`CI requires ${message}`)
  console.warn(`\n!!! SKIPPING: ${message}\n`)
  return false
}
