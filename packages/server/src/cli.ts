/**
 * `candor-server` CLI: serve (default), migrate, surveys push <files...>, export.
 * Configuration comes from the environment (see docs/SERVER.md).
 */
import { pino } from 'pino'
import { runExport } from './cli/export.js'
import { processIo } from './cli/io.js'
import { pushSurveys } from './cli/surveys-push.js'
import { serve } from './serve.js'
import { classifyStoreError, describeUnavailable } from './store/errors.js'
import { openStore } from './store/open.js'

const USAGE = `Usage: candor-server [command]

Commands:
  serve                      start the server (default)
  migrate                    apply database migrations and exit
  surveys push <files...>    validate survey JSON files and upsert them
                             (--project <id>, default: the demo project;
                              --url <server> pushes through its admin API
                              with CANDOR_ADMIN_TOKEN)
  export                     write responses or events to stdout
                             (--project <id> [--format csv|ndjson] [--type responses|events]
                              [--survey <id>])

Environment:
  PORT (8787), HOST (127.0.0.1), CANDOR_DB_PATH (./data/candor.db),
  CANDOR_DATABASE_URL (postgres://..., replaces SQLite), CANDOR_ADMIN_TOKEN,
  CANDOR_STATIC_DIR, CANDOR_TRUST_PROXY (1 behind a reverse proxy), LOG_LEVEL (info),
  CANDOR_MAX_BODY_BYTES (1048576), CANDOR_RATE_PER_SECOND (20), CANDOR_RATE_BURST (100),
  CANDOR_RATE_LIMIT (off disables), CANDOR_CONFIG_MAX_AGE (30: /config max-age, seconds)
`

const env = process.env
const storeOptions = () => ({
  dbPath: env.CANDOR_DB_PATH || './data/candor.db',
  databaseUrl: env.CANDOR_DATABASE_URL || undefined,
})

function intEnv(name: string, fallback: number): number {
  const v = env[name]
  if (v === undefined || v === '') return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} "${v}" is not a positive integer`)
  return n
}

async function cmdServe(): Promise<void> {
  const logger = pino({ level: env.LOG_LEVEL || 'info' })
  const port = env.PORT ? Number(env.PORT) : 8787
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT "${env.PORT}" is not a port`)
  const handle = await serve({
    ...storeOptions(),
    port,
    host: env.HOST || '127.0.0.1',
    adminToken: env.CANDOR_ADMIN_TOKEN || undefined,
    trustProxy: env.CANDOR_TRUST_PROXY === '1' || env.CANDOR_TRUST_PROXY === 'true',
    maxBodyBytes: intEnv('CANDOR_MAX_BODY_BYTES', 1024 * 1024),
    configMaxAge: intEnv('CANDOR_CONFIG_MAX_AGE', 30),
    rateLimit:
      env.CANDOR_RATE_LIMIT === 'off'
        ? false
        : {
            perSecond: intEnv('CANDOR_RATE_PER_SECOND', 20),
            burst: intEnv('CANDOR_RATE_BURST', 100),
          },
    logger,
  })
  const lines = [
    '',
    `  Candor server      ${handle.url}  (${handle.store.kind})`,
    `  Demo page          ${handle.url}/demo`,
    `  Dashboard          ${handle.url}/dashboard`,
  ]
  if (handle.adminTokenCreated && handle.adminToken)
    lines.push(
      `  Admin token        ${handle.adminToken}`,
      '                     (shown once: it is stored hashed; set CANDOR_ADMIN_TOKEN to choose one)',
    )
  else if (env.CANDOR_ADMIN_TOKEN) lines.push('  Admin token        from CANDOR_ADMIN_TOKEN')
  else
    lines.push(
      '  Admin token        set on first start (stored hashed; CANDOR_ADMIN_TOKEN overrides)',
    )
  if (handle.demo)
    lines.push(
      `  Demo project key   ${handle.demo.projectKey}`,
      `  Demo project id    ${handle.demo.projectId}`,
    )
  lines.push('')
  process.stdout.write(`${lines.join('\n')}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    handle.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

async function cmdMigrate(): Promise<void> {
  const store = await openStore(storeOptions())
  await store.close()
  process.stdout.write(`migrations applied (${store.kind})\n`)
}

export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv
  switch (command) {
    case 'serve':
      await cmdServe()
      return -1
    case 'migrate':
      await cmdMigrate()
      return 0
    case 'surveys':
      if (rest[0] !== 'push') break
      return pushSurveys(rest.slice(1), storeOptions(), processIo)
    case 'export':
      return runExport(rest, storeOptions(), process.stdout)
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE)
      return 0
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${USAGE}`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err)
    // A database that cannot be opened or written says why, and which file (never the URL:
    // it may hold a password).
    const store = classifyStoreError(err)
    const where = env.CANDOR_DATABASE_URL ? '' : ` [${storeOptions().dbPath}]`
    const why = store ? `${describeUnavailable(store)}${where}: ` : ''
    process.stderr.write(`candor-server: ${why}${message}\n`)
    process.exitCode = 1
  },
)
