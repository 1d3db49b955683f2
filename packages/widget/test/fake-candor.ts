/** A port fake of the Candor interface: records calls and lets a test present surveys. */
import type {
  AnswerValue,
  Candor,
  DeliveryNotice,
  FeedbackInput,
  Survey,
  SurveyApi,
  SurveyHandler,
} from '@candor/sdk'

export interface FakeApi extends SurveyApi {
  answers: { questionId: string; value: AnswerValue; extra?: Record<string, AnswerValue> }[]
  dismissed: number
}

export interface FakeCandor extends Candor {
  calls: [string, ...unknown[]][]
  feedbacks: FeedbackInput[]
  handlers: Set<SurveyHandler>
  /** Present a survey to the renderers, like the engine does. Next question: array order, or
   * `route` when given. */
  present(
    survey: Survey,
    opts?: { locale?: string; route?: (qid: string, v: AnswerValue) => string },
  ): FakeApi
}

export function fakeCandor(): FakeCandor {
  const calls: [string, ...unknown[]][] = []
  const handlers = new Set<SurveyHandler>()
  const delivery = new Set<(n: DeliveryNotice) => void>()
  const feedbacks: FeedbackInput[] = []
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args])
    }
  return {
    calls,
    feedbacks,
    handlers,
    consent: 'granted',
    setConsent: rec('setConsent'),
    track: rec('track'),
    feedback(input) {
      calls.push(['feedback', input])
      feedbacks.push(input)
    },
    identify: rec('identify'),
    setAttributes: rec('setAttributes'),
    setLocale: rec('setLocale'),
    show: rec('show'),
    reset: rec('reset'),
    shutdown: rec('shutdown'),
    async flush() {
      calls.push(['flush'])
      return { sent: 0, pending: 0, dropped: 0 }
    },
    async forget() {},
    on(event: 'survey' | 'delivery', handler: never) {
      const set = (event === 'survey' ? handlers : delivery) as Set<unknown>
      set.add(handler)
      return () => set.delete(handler)
    },
    present(survey, opts = {}) {
      const ids = survey.questions.map((q) => q.id)
      const api: FakeApi = {
        responseId: `r-${Math.random().toString(36).slice(2, 10)}`,
        locale: opts.locale ?? 'en',
        survey,
        firstQuestionId: ids[0]!,
        answers: [],
        dismissed: 0,
        answer(questionId, value, extra) {
          api.answers.push(extra ? { questionId, value, extra } : { questionId, value })
          return opts.route?.(questionId, value) ?? ids[ids.indexOf(questionId) + 1] ?? 'end'
        },
        dismiss() {
          api.dismissed++
        },
      }
      for (const h of handlers) h(survey, api)
      return api
    },
  } as FakeCandor
}

/** Let preact's debounced renders and promise chains settle. */
export const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
}

export const survey = (questions: Survey['questions'], extra: Partial<Survey> = {}): Survey => ({
  id: 's1',
  name: 'Test',
  status: 'active',
  triggers: [],
  questions,
  ...extra,
})
