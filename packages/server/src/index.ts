/** Public API of @candor/server (pinned by test/index.test.ts). */
export { type AppOptions, createApp } from './app.js'
export { hashToken } from './http/auth.js'
export { createMetrics, type Metrics } from './metrics.js'
export { demoProject, demoSurvey, type SeedResult, seedDemo } from './seed.js'
export { type ServeOptions, type ServerHandle, serve } from './serve.js'
export { type OpenStoreOptions, openStore } from './store/open.js'
export { openPostgresStore } from './store/postgres.js'
export { openSqliteStore } from './store/sqlite.js'
export type {
  DayCount,
  EventFilter,
  IngestEvent,
  IngestOptions,
  IngestResult,
  NewProject,
  Page,
  PageOptions,
  Project,
  ProjectPatch,
  ProjectSettings,
  ResponseFilter,
  ResponseRecord,
  Store,
  StoredEvent,
  StoredSurvey,
  Webhook,
  WebhookDelivery,
} from './store/store.js'
