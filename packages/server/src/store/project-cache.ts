/**
 * Projects by key, kept for a short time: every ingest request looks its project up, and on
 * PostgreSQL that is a round trip per request. The adapter that owns the cache drops a project
 * when it changes it, so one process sees its own changes at once; another replica sees a
 * rotated key or new allowed origins within `ttlMs` (docs/SCALING.md). Unknown keys are never
 * cached, so a new project's key works at once everywhere.
 */
import type { Project } from './store.js'

export class ProjectCache {
  private readonly byKey = new Map<string, { project: Project; until: number }>()

  constructor(
    private readonly ttlMs = 2000,
    private readonly maxEntries = 1000,
  ) {}

  async get(key: string, load: () => Promise<Project | null>): Promise<Project | null> {
    const now = Date.now()
    const hit = this.byKey.get(key)
    if (hit && hit.until > now) return hit.project
    const project = await load()
    // Many keys (a key-guessing client): start over rather than grow without bound.
    if (this.byKey.size >= this.maxEntries) this.byKey.clear()
    if (project) this.byKey.set(key, { project, until: now + this.ttlMs })
    else this.byKey.delete(key)
    return project
  }

  /** Drops every entry of this project (its key may just have changed). */
  forget(projectId: string): void {
    for (const [key, e] of this.byKey) if (e.project.id === projectId) this.byKey.delete(key)
  }
}
