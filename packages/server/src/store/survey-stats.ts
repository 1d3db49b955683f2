/**
 * Survey rollups: what one merged response contributes to its survey's summary, as counters
 * keyed by the UTC day it was created. Both adapters keep these counters in a table updated in
 * the ingest transaction (a response step adds its new contributions and removes its old ones),
 * so a summary reads a few hundred counter rows instead of every response. Pure and shared, so
 * SQLite and PostgreSQL count alike, and the summary of a time range that cuts through a day
 * counts the cut day's raw responses with these same functions.
 */
import type { ResponseRecord } from './store.js'

/** responses: one per response; finished: value = UTC day it finished; answered: non-null
 * answer; num: integer answer 0..10 (every scale fits); yes: cta/consent accepted; picked:
 * non-empty choice; pick: one chosen id (value '' for any non-id string); text: non-blank. */
export type StatKind =
  | 'responses'
  | 'finished'
  | 'answered'
  | 'num'
  | 'yes'
  | 'picked'
  | 'pick'
  | 'text'

export interface StatCount {
  kind: StatKind
  key: string
  value: string
  count: number
}

export interface StatRow extends StatCount {
  day: string
}

/** Aggregates a summary needs, for one survey and one time range of response creation. */
export interface SurveyStats {
  answers: StatCount[]
  responsesByDay: Array<{ day: string; count: number }>
  /** Responses created in the range, by the UTC day they finished. */
  finishedByDay: Array<{ day: string; count: number }>
  displaysByDay: Array<{ day: string; count: number }>
  dismissals: number
}

/** The most recent non-blank text answers of one question. */
export interface TextAnswer {
  responseId: string
  value: string
  at: number
}

export interface TimeRange {
  from?: number
  to?: number
}

const DAY_MS = 86_400_000
/** Valid Date range: keeps toISOString from throwing on absurd query values. */
const MAX_MS = 8.64e15
const clampMs = (ms: number) => Math.max(-MAX_MS, Math.min(MAX_MS, ms))
export const dayOf = (ms: number) => new Date(clampMs(ms)).toISOString().slice(0, 10)
const OPTION_ID = /^[A-Za-z0-9_-]{1,64}$/
const YES = new Set<unknown>([true, 'clicked', 'accepted'])

/** Every counter one response adds, each worth one. */
/** The fields of a response the counters depend on. */
export type CountedResponse = Pick<
  ResponseRecord,
  'answers' | 'finished' | 'createdAt' | 'updatedAt' | 'finishedAt'
>

export function responseContributions(r: CountedResponse): StatRow[] {
  const day = dayOf(r.createdAt)
  const out: StatRow[] = [{ day, kind: 'responses', key: '', value: '', count: 1 }]
  const add = (kind: StatKind, key: string, value = '') =>
    out.push({ day, kind, key, value, count: 1 })
  if (r.finished) add('finished', '', dayOf(r.finishedAt ?? r.updatedAt))
  for (const [key, v] of Object.entries(r.answers)) {
    // `q.other` free text belongs to the choice q, which counts it as "other" already.
    if (key.includes('.') || v === null || v === undefined) continue
    add('answered', key)
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10)
      add('num', key, String(v))
    if (YES.has(v)) add('yes', key)
    const picked = Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
    if (picked.length > 0) {
      add('picked', key)
      // Only id-shaped strings can match an option; the rest count together as "other".
      for (const id of new Set(picked)) add('pick', key, OPTION_ID.test(id) ? id : '')
    }
    if (typeof v === 'string' && v.trim() !== '') add('text', key)
  }
  return out
}

export const statKey = (r: Omit<StatRow, 'count'>) =>
  `${r.day}\u0000${r.kind}\u0000${r.key}\u0000${r.value}`

export interface ResponseDelta extends StatRow {
  projectId: string
  surveyId: string
}

export interface EventDelta {
  projectId: string
  surveyId: string
  type: string
  day: string
  count: number
}

/** Counter changes gathered during one ingest (or forget) transaction, then written at once. */
export class StatDeltas {
  private readonly responses = new Map<string, ResponseDelta>()
  private readonly events = new Map<string, EventDelta>()

  response(before: ResponseRecord | null, after: ResponseRecord | null): void {
    const r = after ?? before
    if (!r) return
    if (before) for (const c of responseContributions(before)) this.bump(r, c, -1)
    if (after) for (const c of responseContributions(after)) this.bump(r, c, 1)
  }

  /** A display or dismiss event accepted (sign 1) or erased (sign -1). */
  event(projectId: string, surveyId: string, type: string, time: number, count = 1): void {
    const day = dayOf(time)
    const k = `${projectId}\u0000${surveyId}\u0000${type}\u0000${day}`
    const e = this.events.get(k)
    if (e) e.count += count
    else this.events.set(k, { projectId, surveyId, type, day, count })
  }

  private bump(r: ResponseRecord, c: StatRow, sign: number): void {
    const k = `${r.projectId}\u0000${r.surveyId}\u0000${statKey(c)}`
    const row = this.responses.get(k)
    if (row) row.count += sign
    else this.responses.set(k, { ...c, projectId: r.projectId, surveyId: r.surveyId, count: sign })
  }

  /** Distinct counters touched so far (bounds the memory of a backfill). */
  get size(): number {
    return this.responses.size + this.events.size
  }

  /** Non-zero deltas in key order: PostgreSQL locks counter rows in this order, so two
   * transactions never wait on each other in a cycle. */
  responseRows(): ResponseDelta[] {
    return sortedNonZero(this.responses)
  }

  eventRows(): EventDelta[] {
    return sortedNonZero(this.events)
  }
}

function sortedNonZero<T extends { count: number }>(m: Map<string, T>): T[] {
  return [...m.entries()]
    .filter(([, r]) => r.count !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r)
}

/**
 * Splits a time range into whole UTC days, read from the counters, and at most two partial
 * days at its ends, counted from raw rows. `fromDay`/`toDay` bound the whole days (toDay
 * exclusive); undefined means unbounded.
 */
export function splitRange(range: TimeRange): {
  whole: { fromDay?: string; toDay?: string } | null
  edges: Array<{ from: number; to: number }>
} {
  const from = range.from === undefined ? undefined : clampMs(range.from)
  const to = range.to === undefined ? undefined : clampMs(range.to)
  if (from !== undefined && to !== undefined && from >= to) return { whole: null, edges: [] }
  const start = from === undefined ? undefined : Math.ceil(from / DAY_MS) * DAY_MS
  const end = to === undefined ? undefined : Math.floor(to / DAY_MS) * DAY_MS
  if (start !== undefined && end !== undefined && start >= end)
    return { whole: null, edges: [{ from: from!, to: to! }] }
  const edges: Array<{ from: number; to: number }> = []
  if (from !== undefined && start! > from) edges.push({ from, to: start! })
  if (to !== undefined && to > end!) edges.push({ from: end!, to })
  return {
    whole: {
      fromDay: start === undefined ? undefined : dayOf(start),
      toDay: end === undefined ? undefined : dayOf(end),
    },
    edges,
  }
}

/** Adds counter rows (whole days from a table, or contributions of edge responses). */
export class StatsBuilder {
  private answers = new Map<string, StatCount>()
  private responses = new Map<string, number>()
  private finished = new Map<string, number>()
  private displays = new Map<string, number>()
  private dismissals = 0

  addRow(r: StatRow): void {
    if (r.kind === 'responses') addTo(this.responses, r.day, r.count)
    else if (r.kind === 'finished') addTo(this.finished, r.value, r.count)
    else {
      const k = `${r.kind}\u0000${r.key}\u0000${r.value}`
      const a = this.answers.get(k)
      if (a) a.count += r.count
      else this.answers.set(k, { kind: r.kind, key: r.key, value: r.value, count: r.count })
    }
  }

  addResponse(r: CountedResponse): void {
    for (const c of responseContributions(r)) this.addRow(c)
  }

  addEvents(type: string, day: string, count: number): void {
    if (type === 'display') addTo(this.displays, day, count)
    else if (type === 'dismiss') this.dismissals += count
  }

  build(): SurveyStats {
    const days = (m: Map<string, number>) =>
      [...m.entries()]
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, count]) => ({ day, count }))
    return {
      answers: [...this.answers.values()].filter((a) => a.count > 0),
      responsesByDay: days(this.responses),
      finishedByDay: days(this.finished),
      displaysByDay: days(this.displays),
      dismissals: this.dismissals,
    }
  }
}

function addTo(m: Map<string, number>, k: string, n: number) {
  m.set(k, (m.get(k) ?? 0) + n)
}

/**
 * Keeps the `limit` latest text answers per question while responses are fed newest
 * `updatedAt` first. An answer's time is never after its response's updatedAt, so once a
 * question holds `limit` answers at or after the current updatedAt, no older row can enter:
 * `done()` tells the caller to stop reading.
 */
export class LatestTexts {
  private readonly best = new Map<string, TextAnswer[]>()
  private readonly keys: string[]

  /** `expected`: how many text answers each question has in the range (from the counters),
   * so a rarely answered question stops the scan once all its answers are found. */
  constructor(
    private readonly expected: Record<string, number>,
    private readonly limit = 20,
  ) {
    this.keys = Object.keys(expected).filter((k) => expected[k]! > 0)
    for (const k of Object.keys(expected)) this.best.set(k, [])
  }

  get empty(): boolean {
    return this.keys.length === 0
  }

  /** Feeds one response; returns true when no older response can change the result. */
  add(r: Pick<ResponseRecord, 'id' | 'answers' | 'answerTimes' | 'updatedAt'>): boolean {
    let done = true
    for (const key of this.keys) {
      const list = this.best.get(key)!
      const v = r.answers[key]
      if (typeof v === 'string' && v.trim() !== '') {
        list.push({ responseId: r.id, value: v, at: r.answerTimes[key] ?? r.updatedAt })
        list.sort(byLatest)
        if (list.length > this.limit) list.pop()
      }
      if (list.length >= this.expected[key]!) continue
      if (list.length < this.limit || list[list.length - 1]!.at <= r.updatedAt) done = false
    }
    return done
  }

  result(): Record<string, TextAnswer[]> {
    return Object.fromEntries(this.best)
  }
}

const byLatest = (a: TextAnswer, b: TextAnswer) =>
  b.at - a.at || (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0)
