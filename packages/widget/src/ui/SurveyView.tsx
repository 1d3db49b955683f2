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
  // The thank-you's title, body and (offline) note, read when needed: the network may change.
  const end = () => {
    const ty = survey.thankYou
    return [ty?.title || s.thanks, ty?.body, navigator.onLine === false ? s.saved : undefined]
  }
  if (!q) {
    const [title, body, note] = end()
    return <ThankYou title={title!} body={body} note={note} onClose={onClose} />
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
      announce(end().filter(Boolean).join(' '))
    }
    setQid(next)
  }
  return (
    <Question key={q.id} q={q} s={s} last={i === survey.questions.length - 1} onAnswer={answer} />
  )
}
