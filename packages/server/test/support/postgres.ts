/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp dir, listening only on a unix
 * socket inside that dir, torn down after. Missing binaries fail the suite when CI=true and
 * skip it (with a loud warning) elsewhere.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export interface PgCluster {
  /** A fresh, empty database on the cluster; returns its connection URL. */
  createDatabase(): Promise<string>
  /** Stop the server but keep its data: `fast` ends sessions cleanly, `immediate` is a crash
   * (WAL recovery at the next start). */
  pause(mode?: 'fast' | 'immediate'): void
  /** Start it again on the same port and socket, after pause(). */
  resume(): void
  stop(): Promise<void>
}

function findBinDir(): string | null {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

export function postgresAvailable(): boolean {
  const bin = findBinDir()
  if (bin) return true
  if (process.env.CI === 'true')
    throw new Error('PostgreSQL binaries not found and CI=true: install postgresql (DEVELOPERS.md)')
  console.warn(
    '\n!!! PostgreSQL binaries not found (/usr/lib/postgresql/*/bin): SKIPPING the PostgreSQL ' +
      'store suite. Install postgresql to run it; with CI=true this is a failure. !!!\n',
  )
  return false
}

/** `settings` are server options (`-c name=value`); tests run with fsync off, benches of
 * acknowledged writes turn it back on. */
export async function startPostgres(settings: Record<string, string> = {}): Promise<PgCluster> {
  const bin = findBinDir()
  if (!bin) throw new Error('PostgreSQL binaries not found')
  const dir = mkdtempSync(join(tmpdir(), 'candor-pg-'))
  const data = join(dir, 'data')
  const sock = join(dir, 'sock')
  mkdirSync(sock)
  const asRoot = process.getuid?.() === 0
  // initdb refuses to run as root: hand the dir to the postgres user and run as it.
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd)
    const res = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' })
    if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr || res.stdout}`)
  }
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chmodSync(dir, 0o700)
    chownSync(dir, uid, gid)
    chownSync(sock, uid, gid)
  }
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  const port = 20000 + Math.floor(Math.random() * 20000)
  const options = Object.entries({ fsync: 'off', max_connections: '200', ...settings })
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ')
  const pgStart = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${sock} -c listen_addresses='' ${options}`,
      'start',
    ])
  pgStart()
  const url = (db: string) =>
    `postgresql://postgres@/${db}?host=${encodeURIComponent(sock)}&port=${port}`
  let n = 0
  return {
    async createDatabase() {
      const name = `candor_${process.pid}_${n++}`
      const admin = new pg.Client({ connectionString: url('postgres') })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      return url(name)
    },
    pause: (mode = 'fast') => run('pg_ctl', ['-D', data, '-w', '-m', mode, 'stop']),
    resume: pgStart,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
