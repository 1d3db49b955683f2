/**
 * PostgreSQL for benches: a throwaway cluster made the way the test harness makes one
 * (packages/server/test/support/postgres.ts: initdb in a temp dir, unix socket only, run as
 * the postgres user under root), but durable. The harness starts its cluster with
 * `-c fsync=off` on the command line, which ALTER SYSTEM cannot override, and a bench of
 * acknowledged writes must pay for the flush: so this one starts with fsync=on and
 * synchronous_commit=on, and reports the settings it ran with.
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

export interface BenchPostgres {
  createDatabase(): Promise<string>
  stop(): Promise<void>
  /** The settings the figures were taken with, for the notes. */
  settings: Record<string, string>
}

function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR
  const root = '/usr/lib/postgresql'
  const v = existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(join(root, d, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))[0]
    : undefined
  if (!v) throw new Error('PostgreSQL binaries not found (/usr/lib/postgresql/*/bin)')
  return join(root, v, 'bin')
}

export async function startDurablePostgres(
  extra: Record<string, string> = {},
): Promise<BenchPostgres> {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-pg-'))
  const data = join(dir, 'data')
  const sock = join(dir, 'sock')
  mkdirSync(sock)
  const asRoot = process.getuid?.() === 0
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
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8'])
  const port = 20000 + Math.floor(Math.random() * 20000)
  const options = { fsync: 'on', synchronous_commit: 'on', max_connections: '200', ...extra }
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    [
      `-p ${port} -k ${sock} -c listen_addresses=''`,
      ...Object.entries(options).map(([k, v]) => `-c ${k}=${v}`),
    ].join(' '),
    'start',
  ])
  const url = (db: string) =>
    `postgresql://postgres@/${db}?host=${encodeURIComponent(sock)}&port=${port}`
  const settings: Record<string, string> = {}
  const c = new pg.Client({ connectionString: url('postgres') })
  await c.connect()
  try {
    for (const k of [
      'fsync',
      'synchronous_commit',
      'wal_sync_method',
      'shared_buffers',
      ...Object.keys(extra),
    ]) {
      const { rows } = await c.query<{ v: string }>('SELECT current_setting($1) AS v', [k])
      settings[k] = rows[0]!.v
    }
  } finally {
    await c.end()
  }
  let n = 0
  return {
    settings,
    async createDatabase() {
      const name = `candor_bench_${process.pid}_${n++}`
      const admin = new pg.Client({ connectionString: url('postgres') })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      return url(name)
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
