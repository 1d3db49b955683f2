import type { AnswerValue, Question } from '../schema'
import { compare, isEmpty } from './compare'

/** A required question is unanswered when blank; a consent question needs `true`. */
export const isMissing = (q: Question, v: AnswerValue): boolean =>
  isEmpty(v) || (q.type === 'consent' && v !== true)

/**
 * The question after `questions[i]` given its answer, or 'end'. The first matching logic rule
 * wins; a goto that is not a later question is ignored (it could loop); default: the next one.
 */
export const nextQuestion = (questions: Question[], i: number, v: AnswerValue): string => {
  for (const r of questions[i]?.logic ?? [])
    if (
      compare(r.when.op, v, r.when.value) &&
      (r.goto === 'end' || questions.findIndex((q) => q.id === r.goto) > i)
    )
      return r.goto
  return questions[i + 1]?.id ?? 'end'
}
