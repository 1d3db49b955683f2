import type { Store } from './store.js'

export interface OpenStoreOptions {
  /** postgres://… : use PostgreSQL (any number of replicas may share it). */
  databaseUrl?: string
  /** SQLite file (default ./data/candor.db). */
  dbPath?: string
}

/** Opens and migrates the configured store: PostgreSQL when a URL is given, else SQLite. */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  if (opts.databaseUrl) {
    const { openPostgresStore } = await import('./postgres.js')
    return openPostgresStore(opts.databaseUrl)
  }
  const { openSqliteStore } = await import('./sqlite.js')
  return openSqliteStore(opts.dbPath ?? './data/candor.db')
}
