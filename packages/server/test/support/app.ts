/** In-process test harness: a real app on a real (in-memory SQLite) store. */

import type { AppOptions } from '../../src/app.js'
import { createApp } from '../../src/app.js'
import { seedDemo } from '../../src/seed.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import type { Store } from '../../src/store/store.js'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'
export const BASE = 'http://candor.test'

type StoreFactory = () => Promise<Store>
let makeStore: StoreFactory = () => openSqliteStore(':memory:')
const made: Store[] = []

/** The HTTP suites run once per adapter: a *.postgres.test.ts file swaps the factory. */
export function useStoreFactory(factory: StoreFactory): void {
  makeStore = factory
}

/** Closes every store testApp() made (PostgreSQL pools would otherwise hold connections). */
export async function closeTestStores(): Promise<void> {
  for (const s of made.splice(0)) await s.close().catch(() => {})
}

export interface TestApp {
  store: Store
  fetch(path: string, init?: RequestInit): Promise<Response>
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>
  /** POSTs an events envelope to the given project key. */
  send(key: string, envelope: unknown, init?: RequestInit): Promise<Response>
  demoKey: string
  demoId: string
}

export async function testApp(
  opts: Partial<AppOptions> & { store?: Store } = {},
): Promise<TestApp> {
  let store = opts.store
  if (!store) {
    store = await makeStore()
    made.push(store)
  }
  const { project } = await seedDemo(store)
  const app = createApp({ rateLimit: false, ...opts, store, adminToken: ADMIN_TOKEN })
  const fetch = async (path: string, init?: RequestInit) =>
    app.fetch(new Request(BASE + path, init))
  return {
    store,
    fetch,
    admin: (path, init = {}) => {
      const { json, ...rest } = init
      const headers = new Headers(rest.headers)
      headers.set('authorization', `Bearer ${ADMIN_TOKEN}`)
      if (json !== undefined) headers.set('content-type', 'application/json')
      return fetch(`/v1/admin${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      })
    },
    send: (key, envelope, init = {}) =>
      fetch(`/v1/p/${key}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(init.headers as object) },
        body: typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
        ...init,
      }),
    demoKey: project!.key,
    demoId: project!.id,
  }
}

let counter = 0
/** Unique client ids shaped like the SDK's (any 8-64 char token is valid). */
export const cid = (prefix = 'id') =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36).padStart(4, '0')}`

export const INSTALL = 'install-0001'

export function responseEvent(over: Record<string, unknown> = {}) {
  return {
    id: cid('ev'),
    type: 'response',
    time: Date.now(),
    installId: INSTALL,
    surveyId: 'nps-demo',
    responseId: 'resp-0001',
    answers: { score: 9 },
    finished: false,
    ...over,
  }
}

export function trackEvent(over: Record<string, unknown> = {}) {
  return {
    id: cid('ev'),
    type: 'track',
    time: Date.now(),
    installId: INSTALL,
    name: 'clicked',
    ...over,
  }
}

export const envelope = (events: unknown[], sentAt = Date.now()) => ({ sentAt, events })
