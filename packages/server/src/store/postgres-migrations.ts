/** Versioned PostgreSQL migrations: append only; applied under an advisory lock so replicas
 * starting together do not race. Times are epoch ms in BIGINT, as in the SQLite schema. */
export const postgresMigrations: Array<{
  version: number
  sql: string
  /** After the SQL, fill the survey counters from stored responses (see survey-stats.ts). */
  backfillSurveyStats?: boolean
}> = [
  {
    version: 1,
    sql: `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE projects (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  allowed_origins JSONB NOT NULL,
  settings JSONB NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE surveys (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE TABLE events (
  seq BIGSERIAL PRIMARY KEY,
  project_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  install_id TEXT NOT NULL,
  user_id TEXT,
  survey_id TEXT,
  response_id TEXT,
  name TEXT,
  time BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  data JSONB NOT NULL,
  UNIQUE (project_id, event_id)
);
CREATE INDEX events_by_type ON events (project_id, type, seq);
CREATE INDEX events_by_install ON events (project_id, install_id);
CREATE INDEX events_by_survey ON events (project_id, survey_id, type, time);
CREATE TABLE responses (
  seq BIGSERIAL PRIMARY KEY,
  project_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  install_id TEXT NOT NULL,
  user_id TEXT,
  answers JSONB NOT NULL,
  answer_times JSONB NOT NULL,
  finished BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT,
  url TEXT,
  locale TEXT,
  attributes JSONB,
  UNIQUE (project_id, response_id)
);
CREATE INDEX responses_by_survey ON responses (project_id, survey_id, seq);
CREATE INDEX responses_by_install ON responses (project_id, install_id);
CREATE TABLE webhooks (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  active BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE webhook_deliveries (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  webhook_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX deliveries_by_project ON webhook_deliveries (project_id, seq);
`,
  },
  {
    // Summary counters per survey and UTC day (see survey-stats.ts), and the indexes that
    // read a range's partial days and the latest text answers without scanning a survey.
    // Each counter is split over a few shards (a transaction picks one), so concurrent
    // ingests of one survey do not queue on one row lock until each other's COMMIT.
    version: 2,
    backfillSurveyStats: true,
    sql: `
CREATE TABLE survey_stats (
  project_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  answer_key TEXT NOT NULL,
  value TEXT NOT NULL,
  shard SMALLINT NOT NULL DEFAULT 0,
  count BIGINT NOT NULL,
  PRIMARY KEY (project_id, survey_id, day, kind, answer_key, value, shard)
);
CREATE TABLE survey_event_stats (
  project_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  type TEXT NOT NULL,
  day TEXT NOT NULL,
  shard SMALLINT NOT NULL DEFAULT 0,
  count BIGINT NOT NULL,
  PRIMARY KEY (project_id, survey_id, type, day, shard)
);
INSERT INTO survey_event_stats (project_id, survey_id, type, day, count)
  SELECT project_id, survey_id, type,
    to_char(to_timestamp(time / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), COUNT(*)
  FROM events WHERE type IN ('display', 'dismiss') AND survey_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;
CREATE INDEX responses_by_created ON responses (project_id, survey_id, created_at, updated_at);
CREATE INDEX responses_by_updated ON responses (project_id, survey_id, updated_at, created_at);
`,
  },
]
