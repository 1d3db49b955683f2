import type { ResponseEvent } from '@candor/sdk/schema'
import type { ResponseRecord } from '../store/store.js'

/**
 * Merges one survey step into the stored response. Steps may arrive in any order (retries,
 * several tabs), so each answer key keeps the time of the step that set it and a later step
 * wins per key; `finished` sticks once true. Pure, so both adapters share it.
 */
export function mergeResponseStep(
  existing: ResponseRecord | null,
  projectId: string,
  step: ResponseEvent,
  time: number,
): ResponseRecord {
  const base: ResponseRecord = existing ?? {
    id: step.responseId,
    projectId,
    surveyId: step.surveyId,
    installId: step.installId,
    userId: null,
    answers: {},
    answerTimes: {},
    finished: false,
    createdAt: time,
    updatedAt: time,
    finishedAt: null,
    url: null,
    locale: null,
    attributes: null,
  }
  const answers = { ...base.answers }
  const answerTimes = { ...base.answerTimes }
  for (const [key, value] of Object.entries(step.answers)) {
    // Own keys only: a question may be called "constructor" or "toString".
    const prev = Object.hasOwn(answerTimes, key) ? answerTimes[key] : undefined
    if (prev === undefined || time >= prev) {
      answers[key] = value
      answerTimes[key] = time
    }
  }
  const isLatest = time >= base.updatedAt
  const finished = base.finished || step.finished
  return {
    ...base,
    answers,
    answerTimes,
    finished,
    createdAt: Math.min(base.createdAt, time),
    updatedAt: Math.max(base.updatedAt, time),
    finishedAt: base.finishedAt ?? (step.finished ? time : null),
    userId: (isLatest ? step.userId : undefined) ?? base.userId ?? step.userId ?? null,
    url: base.url ?? step.url ?? null,
    locale: (isLatest ? step.locale : undefined) ?? base.locale ?? step.locale ?? null,
    attributes: step.attributes
      ? isLatest
        ? { ...(base.attributes ?? {}), ...step.attributes }
        : { ...step.attributes, ...(base.attributes ?? {}) }
      : base.attributes,
  }
}
