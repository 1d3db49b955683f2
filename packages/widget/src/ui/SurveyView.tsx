/** Walks a survey: each step goes through api.answer, whose return value (branching applied by
 * the SDK) is the next question id or 'end'. */

import type { AnswerValue, Survey, SurveyApi } from '@candor/sdk'
import { Question } from '../questions/Question'
import type { Strings } from '../types'
import { useState } from './hooks'
import { ThankYou } from './ThankYou'

export interface SurveyViewProps {
  survey: Survey
  api: SurveyApi
  s: Strings
  /** Announce in the live region. */
  announce(text: string): void
  /** The survey reached its end (closing is then not a dismissal). */
  onEnd(): void
  onClose(): void
}

export function SurveyView({ survey, api, s, announce, onEnd, onClose }: SurveyViewProps) {
  const [qid, setQid] = useState(api.firstQuestionId)
  const i = survey.questions.findIndex((q) => q.id === qid)
  const q = survey.questions[i]
  if (!q) {
    const ty = survey.thankYou
    return (
      <ThankYou
        title={ty?.title || s.thanks}
        body={ty?.body}
        note={navigator.onLine === false ? s.saved : undefined}
        onClose={onClose}
      />
    )
  }
  const answer = (value: AnswerValue, extra?: Record<string, AnswerValue>) => {
    let next = 'end'
    try {
      next = api.answer(q.id, value, extra)
    } catch {
      // A failing SDK must not trap the user in the survey: end it.
    }
    if (!survey.questions.some((x) => x.id === next)) {
      next = 'end'
      onEnd()
      const ty = survey.thankYou
      announce(
        [ty?.title || s.thanks, ty?.body, navigator.onLine === false && s.saved]
          .filter(Boolean)
          .join(' '),
      )
    }
    setQid(next)
  }
  return (
    <Question key={q.id} q={q} s={s} last={i === survey.questions.length - 1} onAnswer={answer} />
  )
}
