/**
 * Survey results computed from merged responses. Pure: callers feed responses and display
 * counts, so the math is tested against hand-computed fixtures without a database.
 * NPS = %promoters (9-10) − %detractors (0-6). CSAT is on 1-5 (satisfied = 4 or 5),
 * CES on 1-7; rating on 1..scale.
 */
import type { Question, Survey } from '@candor/sdk/schema'
import type { DayCount, ResponseRecord } from './store/store.js'

export interface ValueCount {
  value: number
  count: number
}

export type QuestionSummary = {
  id: string
  type: Question['type']
  title: string
  answered: number
} & (
  | {
      type: 'nps'
      promoters: number
      passives: number
      detractors: number
      nps: number | null
      distribution: ValueCount[]
    }
  | {
      type: 'csat'
      average: number | null
      satisfied: number
      csat: number | null
      distribution: ValueCount[]
    }
  | { type: 'ces' | 'rating'; average: number | null; distribution: ValueCount[] }
  | {
      type: 'single' | 'multi'
      options: Array<{ id: string; label: string; count: number }>
      other: number
    }
  | { type: 'text'; latest: Array<{ responseId: string; value: string; at: string }> }
  | { type: 'cta' | 'consent'; yes: number }
)

export interface DaySummary {
  day: string
  displays: number
  responses: number
  finished: number
}

export interface SurveySummary {
  surveyId: string
  displays: number
  dismissals: number
  responses: number
  finished: number
  /** finished / responses, 0..1 (null without responses). */
  completionRate: number | null
  /** responses / displays, 0..1 (null without displays). */
  responseRate: number | null
  questions: QuestionSummary[]
  daily: DaySummary[]
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b, 4))
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

function scaleOf(q: Question): [number, number] | null {
  switch (q.type) {
    case 'nps':
      return [0, 10]
    case 'csat':
      return [1, 5]
    case 'ces':
      return [1, 7]
    case 'rating':
      return [1, q.scale]
    default:
      return null
  }
}

function numericSummary(q: Question, values: number[]) {
  const [lo, hi] = scaleOf(q)!
  const inRange = values.filter((v) => Number.isInteger(v) && v >= lo && v <= hi)
  const distribution: ValueCount[] = []
  for (let v = lo; v <= hi; v++)
    distribution.push({ value: v, count: inRange.filter((x) => x === v).length })
  const sum = inRange.reduce((s, v) => s + v, 0)
  return {
    values: inRange,
    distribution,
    average: inRange.length ? round(sum / inRange.length, 2) : null,
  }
}

export function summarizeQuestion(q: Question, responses: ResponseRecord[]): QuestionSummary {
  const given = responses
    .map((r) => ({ r, v: r.answers[q.id] }))
    .filter((x) => x.v !== undefined && x.v !== null)
  const base = { id: q.id, title: q.title }
  switch (q.type) {
    case 'nps': {
      const { values, distribution } = numericSummary(
        q,
        given.map((x) => x.v).filter((v) => typeof v === 'number'),
      )
      const promoters = values.filter((v) => v >= 9).length
      const detractors = values.filter((v) => v <= 6).length
      return {
        ...base,
        type: 'nps',
        answered: values.length,
        promoters,
        passives: values.length - promoters - detractors,
        detractors,
        nps: values.length ? round(((promoters - detractors) / values.length) * 100, 1) : null,
        distribution,
      }
    }
    case 'csat': {
      const s = numericSummary(
        q,
        given.map((x) => x.v).filter((v) => typeof v === 'number'),
      )
      const satisfied = s.values.filter((v) => v >= 4).length
      return {
        ...base,
        type: 'csat',
        answered: s.values.length,
        average: s.average,
        satisfied,
        csat: s.values.length ? round((satisfied / s.values.length) * 100, 1) : null,
        distribution: s.distribution,
      }
    }
    case 'ces':
    case 'rating': {
      const s = numericSummary(
        q,
        given.map((x) => x.v).filter((v) => typeof v === 'number'),
      )
      return {
        ...base,
        type: q.type,
        answered: s.values.length,
        average: s.average,
        distribution: s.distribution,
      }
    }
    case 'single':
    case 'multi': {
      const counts = new Map(q.options.map((o) => [o.id, 0]))
      let other = 0
      let answered = 0
      for (const { v } of given) {
        const picked = Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
        if (picked.length === 0) continue
        answered++
        for (const id of new Set(picked)) {
          if (counts.has(id)) counts.set(id, counts.get(id)! + 1)
          else other++
        }
      }
      return {
        ...base,
        type: q.type,
        answered,
        options: q.options.map((o) => ({ id: o.id, label: o.label, count: counts.get(o.id)! })),
        other,
      }
    }
    case 'text': {
      const texts = given
        .filter(
          (x): x is { r: ResponseRecord; v: string } =>
            typeof x.v === 'string' && x.v.trim() !== '',
        )
        .sort(
          (a, b) =>
            (a.r.answerTimes[q.id] ?? a.r.updatedAt) - (b.r.answerTimes[q.id] ?? b.r.updatedAt),
        )
      return {
        ...base,
        type: 'text',
        answered: texts.length,
        latest: texts
          .slice(-20)
          .reverse()
          .map((x) => ({
            responseId: x.r.id,
            value: x.v,
            at: new Date(x.r.answerTimes[q.id] ?? x.r.updatedAt).toISOString(),
          })),
      }
    }
    case 'cta':
    case 'consent':
      return {
        ...base,
        type: q.type,
        answered: given.length,
        yes: given.filter((x) => x.v === true || x.v === 'clicked' || x.v === 'accepted').length,
      }
  }
}

export function summarizeSurvey(
  survey: Survey,
  responses: ResponseRecord[],
  displaysByDay: DayCount[],
  dismissals: number,
): SurveySummary {
  const displays = displaysByDay.reduce((s, d) => s + d.count, 0)
  const finished = responses.filter((r) => r.finished).length
  const days = new Map<string, DaySummary>()
  const dayRow = (day: string) => {
    let row = days.get(day)
    if (!row) {
      row = { day, displays: 0, responses: 0, finished: 0 }
      days.set(day, row)
    }
    return row
  }
  for (const d of displaysByDay) dayRow(d.day).displays += d.count
  for (const r of responses) {
    dayRow(dayOf(r.createdAt)).responses++
    if (r.finished) dayRow(dayOf(r.finishedAt ?? r.updatedAt)).finished++
  }
  return {
    surveyId: survey.id,
    displays,
    dismissals,
    responses: responses.length,
    finished,
    completionRate: ratio(finished, responses.length),
    responseRate: ratio(responses.length, displays),
    questions: survey.questions.map((q) => summarizeQuestion(q, responses)),
    daily: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  }
}
