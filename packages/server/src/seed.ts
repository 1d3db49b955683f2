/** On an empty database: one demo project and an active NPS survey shown on every pageview,
 * so /demo works right after the first start. */
import { Survey } from '@candor/sdk/schema'
import type { Project, Store } from './store/store.js'

export const DEMO_PROJECT_SETTING = 'demo_project_id'

export const demoSurvey = Survey.parse({
  id: 'nps-demo',
  name: 'Demo NPS',
  status: 'active',
  questions: [
    {
      id: 'score',
      type: 'nps',
      title: 'How likely are you to recommend Candor to a friend?',
      required: true,
      lowerLabel: 'Not likely',
      upperLabel: 'Very likely',
    },
    { id: 'why', type: 'text', title: 'What is the main reason for your score?', multiline: true },
  ],
  triggers: [{ type: 'pageview' }],
  frequency: { mode: 'always' },
  appearance: { placement: 'bottom-right' },
  thankYou: { title: 'Thank you!', body: 'Your answer was saved.' },
})

export interface SeedResult {
  project: Project | null
  created: boolean
}

export async function seedDemo(store: Store): Promise<SeedResult> {
  if ((await store.countProjects()) > 0)
    return { project: await demoProject(store), created: false }
  // initSetting makes replicas starting together agree on one seeder.
  const marker = `seeding:${process.pid}:${Math.random()}`
  if ((await store.initSetting('seed_claim', marker)) === marker) {
    const project = await store.createProject({ name: 'Demo', allowedOrigins: [] })
    await store.putSurvey(project.id, demoSurvey)
    await store.setSetting(DEMO_PROJECT_SETTING, project.id)
    return { project, created: true }
  }
  // Another replica is seeding right now: give it a moment to finish.
  for (let i = 0; i < 50; i++) {
    const project = await demoProject(store)
    if (project) return { project, created: false }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { project: null, created: false }
}

export async function demoProject(store: Store): Promise<Project | null> {
  const id = await store.getSetting(DEMO_PROJECT_SETTING)
  return id ? store.getProject(id) : null
}
