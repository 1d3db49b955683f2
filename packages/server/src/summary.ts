/**
 * Survey results computed from the survey counters (store/survey-stats.ts): the math is pure,
 * so it is checked against hand-computed fixtures; the counters come from the store in a few
 * indexed reads whatever the number of responses.
 * NPS = %promoters (9-10) − %detractors (0-6). CSAT is on 1-5 (satisfied = 4 or 5),
 * CES on 1-7; rating on 1..scale.
 */
import type { Question, Survey } from '@candor/sdk/schema'
import type { Store } from './store/store.js'
import type { StatCount, SurveyStats, TextAnswer, TimeRange } from './store/survey-stats.js'

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
const sum = (xs: Array<{ count: number }>) => xs.reduce((s, x) => s + x.count, 0)

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

/** Counters of one question, by kind then value. */
type QuestionCounts = Map<string, Map<string, number>>

function countsByQuestion(answers: StatCount[]): Map<string, QuestionCounts> {
  const out = new Map<string, QuestionCounts>()
  for (const a of answers) {
    let q = out.get(a.key)
    if (!q) {
      q = new Map()
      out.set(a.key, q)
    }
    let k = q.get(a.kind)
    if (!k) {
      k = new Map()
      q.set(a.kind, k)
    }
    k.set(a.value, (k.get(a.value) ?? 0) + a.count)
  }
  return out
}

function numericSummary(q: Question, counts: QuestionCounts) {
  const [lo, hi] = scaleOf(q)!
  const nums = counts.get('num')
  const distribution: ValueCount[] = []
  let n = 0
  let total = 0
  for (let v = lo; v <= hi; v++) {
    const count = nums?.get(String(v)) ?? 0
    distribution.push({ value: v, count })
    n += count
    total += v * count
  }
  return { answered: n, distribution, average: n ? round(total / n, 2) : null }
}

const countOf = (counts: QuestionCounts, kind: string, value = '') =>
  counts.get(kind)?.get(value) ?? 0

export function summarizeQuestion(
  q: Question,
  counts: QuestionCounts = new Map(),
  texts: TextAnswer[] = [],
): QuestionSummary {
  const base = { id: q.id, title: q.title }
  switch (q.type) {
    case 'nps': {
      const { answered, distribution } = numericSummary(q, counts)
      const promoters = distribution.filter((d) => d.value >= 9).reduce((s, d) => s + d.count, 0)
      const detractors = distribution.filter((d) => d.value <= 6).reduce((s, d) => s + d.count, 0)
      return {
        ...base,
        type: 'nps',
        answered,
        promoters,
        passives: answered - promoters - detractors,
        detractors,
        nps: answered ? round(((promoters - detractors) / answered) * 100, 1) : null,
        distribution,
      }
    }
    case 'csat': {
      const s = numericSummary(q, counts)
      const satisfied = s.distribution.filter((d) => d.value >= 4).reduce((t, d) => t + d.count, 0)
      return {
        ...base,
        type: 'csat',
        answered: s.answered,
        average: s.average,
        satisfied,
        csat: s.answered ? round((satisfied / s.answered) * 100, 1) : null,
        distribution: s.distribution,
      }
    }
    case 'ces':
    case 'rating': {
      const s = numericSummary(q, counts)
      return {
        ...base,
        type: q.type,
        answered: s.answered,
        average: s.average,
        distribution: s.distribution,
      }
    }
    case 'single':
    case 'multi': {
      const picks = counts.get('pick') ?? new Map<string, number>()
      const ids = new Set(q.options.map((o) => o.id))
      let other = 0
      for (const [id, n] of picks) if (!ids.has(id)) other += n
      return {
        ...base,
        type: q.type,
        answered: countOf(counts, 'picked'),
        options: q.options.map((o) => ({ id: o.id, label: o.label, count: picks.get(o.id) ?? 0 })),
        other,
      }
    }
    case 'text':
      return {
        ...base,
        type: 'text',
        answered: countOf(counts, 'text'),
        latest: texts.map((t) => ({
          responseId: t.responseId,
          value: t.value,
          at: new Date(t.at).toISOString(),
        })),
      }
    case 'cta':
    case 'consent':
      return {
        ...base,
        type: q.type,
        answered: countOf(counts, 'answered'),
        yes: countOf(counts, 'yes'),
      }
  }
}

export function summarizeSurvey(
  survey: Survey,
  stats: SurveyStats,
  texts: Record<string, TextAnswer[]> = {},
): SurveySummary {
  const displays = sum(stats.displaysByDay)
  const responses = sum(stats.responsesByDay)
  const finished = sum(stats.finishedByDay)
  const days = new Map<string, DaySummary>()
  const dayRow = (day: string) => {
    let row = days.get(day)
    if (!row) {
      row = { day, displays: 0, responses: 0, finished: 0 }
      days.set(day, row)
    }
    return row
  }
  for (const d of stats.displaysByDay) dayRow(d.day).displays += d.count
  for (const d of stats.responsesByDay) dayRow(d.day).responses += d.count
  for (const d of stats.finishedByDay) dayRow(d.day).finished += d.count
  const byQuestion = countsByQuestion(stats.answers)
  return {
    surveyId: survey.id,
    displays,
    dismissals: stats.dismissals,
    responses,
    finished,
    completionRate: ratio(finished, responses),
    responseRate: ratio(responses, displays),
    questions: survey.questions.map((q) => summarizeQuestion(q, byQuestion.get(q.id), texts[q.id])),
    daily: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  }
}

/** Reads the counters (then the latest text answers, which need the counts) and summarizes. */
export async function loadSurveySummary(
  store: Store,
  projectId: string,
  survey: Survey,
  range: TimeRange = {},
): Promise<SurveySummary> {
  const stats = await store.surveyStats(projectId, survey.id, range)
  const textCounts = new Map(
    stats.answers.filter((a) => a.kind === 'text').map((a) => [a.key, a.count]),
  )
  const expected = Object.fromEntries(
    survey.questions.filter((q) => q.type === 'text').map((q) => [q.id, textCounts.get(q.id) ?? 0]),
  )
  const texts = await store.latestTexts(projectId, survey.id, expected, range)
  return summarizeSurvey(survey, stats, texts)
}
