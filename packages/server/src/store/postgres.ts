import type { Store } from './store.js'

export async function openPostgresStore(_url: string): Promise<Store> {
  throw new Error('PostgreSQL support is not built yet')
}
