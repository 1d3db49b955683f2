/**
 * A small tmpfs of a fixed size: a real file system that really runs out of space, and that
 * can be remounted read-only. Needs root (or passwordless sudo, as on CI runners).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const asRoot = process.getuid?.() === 0

function mount(args: string[]): { ok: boolean; error: string } {
  const [cmd, ...rest] = asRoot ? ['mount', ...args] : ['sudo', '-n', 'mount', ...args]
  const res = spawnSync(cmd!, rest, { encoding: 'utf8' })
  return { ok: res.status === 0, error: res.stderr || res.error?.message || '' }
}

export interface Tmpfs {
  dir: string
  remount(mode: 'ro' | 'rw'): void
  unmount(): void
}

export function mountTmpfs(sizeKb: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'candor-tmpfs-'))
  const m = mount(['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=1777`, 'tmpfs', dir])
  if (!m.ok) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`cannot mount a tmpfs: ${m.error}`)
  }
  return {
    dir,
    remount(mode) {
      const r = mount(['-o', `remount,${mode}`, dir])
      if (!r.ok) throw new Error(`cannot remount ${mode}: ${r.error}`)
    },
    unmount() {
      const args = asRoot ? ['umount', dir] : ['sudo', '-n', 'umount', dir]
      spawnSync(args[0]!, args.slice(1))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Whether a tmpfs can be mounted here (tries once). */
export function tmpfsAvailable(): boolean {
  try {
    mountTmpfs(64).unmount()
    return true
  } catch {
    return false
  }
}
