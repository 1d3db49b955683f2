import { demoProject } from '../seed.js'
import type { Project, Store } from '../store/store.js'

/** --project, else the demo project, else the only project. */
export async function pickProject(store: Store, id: string | undefined): Promise<Project> {
  if (id) {
    const p = await store.getProject(id)
    if (!p) throw new Error(`no project with id "${id}"`)
    return p
  }
  const demo = await demoProject(store)
  if (demo) return demo
  const page = await store.listProjects({ limit: 2 })
  if (page.items.length === 1) return page.items[0]!
  throw new Error('several projects: choose one with --project <id>')
}
