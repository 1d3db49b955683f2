/** Versioned SQLite migrations: append only; each runs once, in order, in a transaction.
 * `backfillSurveyStats`: after the SQL, the adapter fills the survey counters from the
 * responses already stored (the contributions are computed in JS, shared with PostgreSQL). */
export const sqliteMigrations: Array<{
  version: number
  sql: string
  backfillSurveyStats?: boolean
}> = [
  {
    version: 1,
    sql: `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE projects (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL,
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE surveys (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  status TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  install_id TEXT NOT NULL,
  user_id TEXT,
  survey_id TEXT,
  response_id TEXT,
  name TEXT,
  time INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (project_id, event_id)
);
CREATE INDEX events_by_type ON events (project_id, type, seq);
CREATE INDEX events_by_install ON events (project_id, install_id);
CREATE INDEX events_by_survey ON events (project_id, survey_id, type, time);
CREATE TABLE responses (
  seq INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  install_id TEXT NOT NULL,
  user_id TEXT,
  answers TEXT NOT NULL,
  answer_times TEXT NOT NULL,
  finished INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER,
  url TEXT,
  locale TEXT,
  attributes TEXT,
  UNIQUE (project_id, response_id)
);
CREATE INDEX responses_by_survey ON responses (project_id, survey_id, seq);
CREATE INDEX responses_by_install ON responses (project_id, install_id);
CREATE TABLE webhooks (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE webhook_deliveries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  webhook_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX deliveries_by_project ON webhook_deliveries (project_id, seq);
`,
  },
  {
    // Summary counters per survey and UTC day (see survey-stats.ts), and the indexes that
    // read a range's partial days and the latest text answers without scanning a survey.
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
  count INTEGER NOT NULL,
  PRIMARY KEY (project_id, survey_id, day, kind, answer_key, value)
) WITHOUT ROWID;
CREATE TABLE survey_event_stats (
  project_id TEXT NOT NULL,
  survey_id TEXT NOT NULL,
  type TEXT NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (project_id, survey_id, type, day)
) WITHOUT ROWID;
INSERT INTO survey_event_stats (project_id, survey_id, type, day, count)
  SELECT project_id, survey_id, type, strftime('%Y-%m-%d', time / 1000, 'unixepoch'), COUNT(*)
  FROM events WHERE type IN ('display', 'dismiss') AND survey_id IS NOT NULL
  GROUP BY 1, 2, 3, 4;
CREATE INDEX responses_by_created ON responses (project_id, survey_id, created_at, updated_at);
CREATE INDEX responses_by_updated ON responses (project_id, survey_id, updated_at, created_at);
`,
  },
  {
    // Events and responses by install, grouped in epochs of 4,096 rows (seq >> 12; see
    // installEpochs in sqlite.ts). Keyed by install alone, every row landed on a random leaf of a
    // large index, so each commit wrote about one 4 KB page per row to the WAL (and the
    // checkpoint wrote it again): ingest slowed as the table grew. Now a commit touches the
    // current epoch's few dozen leaves; finding an install's rows is one index seek per epoch.
    version: 3,
    sql: `
DROP INDEX events_by_install;
CREATE INDEX events_by_install ON events (project_id, (seq >> 12), install_id);
DROP INDEX responses_by_install;
CREATE INDEX responses_by_install ON responses (project_id, (seq >> 12), install_id);
`,
  },
]
