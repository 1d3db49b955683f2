/** WHERE-clause builders shared by both SQL adapters; `ph(n)` renders the n-th placeholder
 * (`?` for SQLite, `$n` for PostgreSQL). Only column names from this file reach the SQL text. */
import type { EventFilter, ResponseFilter } from './store.js'

export interface Where {
  sql: string
  params: unknown[]
}

export function buildWhere(
  projectId: string,
  conds: Array<[string, unknown]>,
  ph: (n: number) => string,
  cursorSeq: number | null,
): Where {
  const parts = [`project_id = ${ph(1)}`]
  const params: unknown[] = [projectId]
  for (const [clause, value] of conds) {
    if (value === undefined) continue
    params.push(value)
    parts.push(clause.replace('?', ph(params.length)))
  }
  if (cursorSeq !== null) {
    params.push(cursorSeq)
    parts.push(`seq < ${ph(params.length)}`)
  }
  return { sql: parts.join(' AND '), params }
}

/** `install`: as in eventConds. */
export function responseConds(
  f: ResponseFilter,
  bool: (b: boolean) => unknown,
  install = 'install_id = ?',
) {
  return [
    ['survey_id = ?', f.surveyId],
    ['finished = ?', f.finished === undefined ? undefined : bool(f.finished)],
    ['created_at >= ?', f.from],
    ['created_at < ?', f.to],
    [install, f.installId],
  ] as Array<[string, unknown]>
}

/** `install` is how the adapter finds an install's events (its index differs by store). */
export function eventConds(f: EventFilter, install = 'install_id = ?') {
  return [
    ['type = ?', f.type],
    ['survey_id = ?', f.surveyId],
    ['name = ?', f.name],
    [install, f.installId],
    ['time >= ?', f.from],
    ['time < ?', f.to],
  ] as Array<[string, unknown]>
}

/** LIKE pattern for webhook payloads that name this install (`"installId":"…"` as
 * JSON.stringify writes it), with LIKE wildcards escaped by backslash. */
export function installIdPattern(installId: string): string {
  const escaped = JSON.stringify(installId).replace(/[\\%_]/g, (ch) => `\\${ch}`)
  return `%"installId":${escaped}%`
}
