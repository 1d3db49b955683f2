/**
 * Exports as async iterables of text chunks, one chunk per page of rows, so the HTTP route and
 * the CLI stream without holding the whole table. CSV quoting is csv-stringify's (RFC 4180,
 * CRLF); cells that spreadsheets would run as formulas are neutralised with a leading "'".
 */
import type { Survey } from '@candor/sdk/schema'
import { stringify } from 'csv-stringify/sync'
import { eventJson, responseJson } from './serialize.js'
import { scanEvents, scanResponses } from './store/scan.js'
import type { EventFilter, ResponseFilter, ResponseRecord, Store } from './store/store.js'

export type ExportFormat = 'csv' | 'ndjson'
export type ExportKind = 'responses' | 'events'

export interface ExportOptions {
  store: Store
  projectId: string
  format: ExportFormat
  kind: ExportKind
  responseFilter?: ResponseFilter
  eventFilter?: EventFilter
  /** Start the CSV with a UTF-8 byte order mark so Excel reads it as UTF-8 (default true). */
  bom?: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/

/** OWASP CSV injection advice: a cell starting with = + - @ (or tab/CR) is text, not a formula. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

function cell(value: unknown): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Array.isArray(value)) return neutralise(value.map(String).join('; '))
  if (typeof value === 'object') return neutralise(JSON.stringify(value))
  return neutralise(String(value))
}

/** Own keys only: an unanswered question called "constructor" is an empty cell. */
const answerOf = (r: ResponseRecord, key: string) =>
  Object.hasOwn(r.answers, key) ? r.answers[key] : undefined

const csvRows = (rows: Array<Array<string | number>>) =>
  rows.length ? stringify(rows, { record_delimiter: 'windows' }) : ''

const RESPONSE_META = [
  'id',
  'surveyId',
  'installId',
  'userId',
  'finished',
  'createdAt',
  'updatedAt',
  'finishedAt',
  'url',
  'locale',
  'attributes',
] as const

/** Answer columns: the surveys' questions in order (with `.other` where allowed), then any
 * other keys found in the data, sorted. */
export function answerColumns(surveys: Survey[], seenKeys: Set<string>): string[] {
  const cols: string[] = []
  for (const s of surveys)
    for (const q of s.questions) {
      cols.push(q.id)
      if ((q.type === 'single' || q.type === 'multi') && q.allowOther) cols.push(`${q.id}.other`)
    }
  const known = new Set(cols)
  const rest = [...seenKeys].filter((k) => !known.has(k)).sort()
  return [...new Set([...cols.filter((c) => seenKeys.has(c) || surveys.length === 1), ...rest])]
}

async function* responsesCsv(o: ExportOptions): AsyncGenerator<string> {
  const filter = o.responseFilter ?? {}
  // First pass: which answer keys exist, so the header is complete before the first row.
  const seen = new Set<string>()
  for await (const r of scanResponses(o.store, o.projectId, filter))
    for (const k of Object.keys(r.answers)) seen.add(k)
  const surveys = filter.surveyId
    ? [(await o.store.getSurvey(o.projectId, filter.surveyId))?.survey].filter(
        (s) => s !== undefined,
      )
    : (await o.store.listSurveys(o.projectId)).map((s) => s.survey)
  const answers = answerColumns(surveys, seen)
  yield csvRows([[...RESPONSE_META, ...answers.map((k) => `answers.${k}`)]])
  let batch: ResponseRecord[] = []
  const flush = () => {
    const rows = batch.map((r) => {
      const j = responseJson(r)
      return [...RESPONSE_META.map((k) => cell(j[k])), ...answers.map((k) => cell(answerOf(r, k)))]
    })
    batch = []
    return csvRows(rows)
  }
  for await (const r of scanResponses(o.store, o.projectId, filter)) {
    batch.push(r)
    if (batch.length >= 500) yield flush()
  }
  if (batch.length) yield flush()
}

const EVENT_COLUMNS = [
  'id',
  'type',
  'time',
  'receivedAt',
  'installId',
  'userId',
  'surveyId',
  'responseId',
  'name',
  'data',
] as const

async function* eventsCsv(o: ExportOptions): AsyncGenerator<string> {
  yield csvRows([[...EVENT_COLUMNS]])
  let rows: Array<Array<string | number>> = []
  for await (const e of scanEvents(o.store, o.projectId, o.eventFilter ?? {})) {
    const j = eventJson(e)
    rows.push(EVENT_COLUMNS.map((k) => cell(j[k])))
    if (rows.length >= 500) {
      yield csvRows(rows)
      rows = []
    }
  }
  if (rows.length) yield csvRows(rows)
}

async function* ndjson(o: ExportOptions): AsyncGenerator<string> {
  let lines: string[] = []
  const rows =
    o.kind === 'responses'
      ? mapAsync(scanResponses(o.store, o.projectId, o.responseFilter ?? {}), responseJson)
      : mapAsync(scanEvents(o.store, o.projectId, o.eventFilter ?? {}), eventJson)
  for await (const row of rows) {
    lines.push(JSON.stringify(row))
    if (lines.length >= 500) {
      yield `${lines.join('\n')}\n`
      lines = []
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`
}

async function* mapAsync<T, U>(it: AsyncIterable<T>, f: (t: T) => U): AsyncGenerator<U> {
  for await (const x of it) yield f(x)
}

export async function* exportChunks(o: ExportOptions): AsyncGenerator<string> {
  if (o.format === 'ndjson') {
    yield* ndjson(o)
    return
  }
  if (o.bom !== false) yield '\ufeff'
  yield* o.kind === 'responses' ? responsesCsv(o) : eventsCsv(o)
}
