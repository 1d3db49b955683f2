/**
 * The survey engine: decides which survey shows when, and turns a renderer's answers into
 * display / response / dismiss events. Pure: no DOM (browser trigger sources live in
 * browser-triggers.ts), no zod, closures only so terser can shrink it.
 *
 * Trigger model: `pageview` triggers say WHERE (URL rules), the page triggers `delay`, `scroll`,
 * `exit-intent` and `click` say WHEN. A survey with no page trigger shows on a matching page
 * view; with one, it shows when that fires on a matching page (no pageview trigger = any page).
 * `event` triggers show on a matching `track` call on any page.
 */
import type { Survey } from '../schema'
import type { SurveyApi } from '../types'
import { inAudience } from './audience'
import { isMissing, nextQuestion } from './branching'
import { compare } from './compare'
import type { SurveyEngine, SurveyEngineHost } from './engine-types'
import { type FrequencyState, mayShow } from './frequency'
import { sampled } from './sample'
import { pickLocale, translate } from './translate'
import { urlMatches } from './url-match'

/** The engine plus what the browser adapter needs: the click selectors to watch. */
export interface BrowserSurveyEngine extends SurveyEngine {
  readonly selectors: string[]
}

/** host.state key of the FrequencyState. */
export const STATE_KEY = 'surveys'

const PAGE_TRIGGERS = ['delay', 'scroll', 'exit-intent', 'click']

export const createSurveyEngine = (host: SurveyEngineHost): BrowserSurveyEngine => {
  let surveys: Survey[] | undefined
  let recontact = 0
  let url: string | undefined
  let active: string | undefined
  let dead = false
  let pendingShow: string | undefined
  let st: FrequencyState = { s: {} }
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  // Decisions wait for the stored state; a read failure means a fresh install, not a crash.
  const ready = host.state.get<FrequencyState>(STATE_KEY).then(
    (v) => {
      if (v?.s) st = v
    },
    () => {},
  )
  const save = () => host.state.set(STATE_KEY, st).catch(() => {})
  const list = () => surveys ?? []
  const has = (s: Survey, types: string[]) => s.triggers.some((t) => types.includes(t.type))
  const onPage = (s: Survey) =>
    !has(s, ['pageview']) ||
    s.triggers.some((t) => t.type === 'pageview' && urlMatches(url ?? host.context().url, t.url))

  /** Try candidates in config order; the first that may show wins (one on screen at a time). */
  const consider = (cands: Survey[], force?: boolean) => {
    if (cands.length)
      ready.then(() => {
        for (const s of cands) if (open(s, force)) return
      })
  }

  const open = (s: Survey, force?: boolean): boolean => {
    const c = host.context()
    const now = host.now()
    if (
      dead ||
      active ||
      !c.installId ||
      !(
        force ||
        (inAudience(s.audience, c) &&
          sampled(c.installId, s.id, s.audience?.sample) &&
          mayShow(s, st, now, recontact))
      )
    )
      return false
    st.s[s.id] ??= { n: 0 }
    const stats = st.s[s.id]!
    const key = pickLocale(Object.keys(s.translations ?? {}), c.locale)
    const survey = translate(s, key)
    const responseId = host.newId()
    const qs = s.questions
    const surveyId = s.id
    let done = false
    const close = () => {
      done = true
      if (active === surveyId) active = undefined
    }
    const api: SurveyApi = {
      responseId,
      locale: key ?? c.locale,
      survey,
      firstQuestionId: qs[0]!.id,
      answer(id, value, extra) {
        const i = qs.findIndex((q) => q.id === id)
        const q = qs[i]
        if (done || !q) return 'end'
        // Required and blank: stay on it (the renderer shows the error), save nothing.
        if (q.required && isMissing(q, value)) return id
        const next = nextQuestion(qs, i, value)
        const finished = next === 'end'
        // Only this step's answers: the server merges steps by responseId.
        host.record({
          type: 'response',
          surveyId,
          responseId,
          answers: { ...extra, [id]: value },
          finished,
        })
        if (finished) {
          close()
          stats.a = 1
          save()
        }
        return next
      },
      dismiss() {
        if (done) return
        close()
        host.record({ type: 'dismiss', surveyId, responseId })
      },
    }
    active = surveyId
    if (!host.present(survey, api)) {
      if (active === surveyId) active = undefined
      return false
    }
    host.record({ type: 'display', surveyId, responseId })
    stats.n++
    st.l = now
    save()
    return true
  }

  const pageview = () => {
    // Cancel delays whose survey's URL rule no longer matches; others keep counting.
    for (const [id, t] of timers) {
      const s = list().find((x) => x.id === id)
      if (!s || !onPage(s)) {
        clearTimeout(t)
        timers.delete(id)
      }
    }
    const now: Survey[] = []
    for (const s of list()) {
      if (!onPage(s)) continue
      for (const t of s.triggers)
        if (t.type === 'delay' && !timers.has(s.id))
          timers.set(
            s.id,
            setTimeout(() => {
              timers.delete(s.id)
              consider([s])
            }, t.seconds * 1e3),
          )
      if (has(s, ['pageview']) && !has(s, PAGE_TRIGGERS)) now.push(s)
    }
    consider(now)
  }

  return {
    setConfig(config) {
      const first = !surveys
      surveys = config.surveys
      recontact = config.settings?.recontactDays ?? 0
      // Page views and show() calls that came before the config are honoured now.
      if (first && url) pageview()
      if (pendingShow) this.show(pendingShow)
      pendingShow = undefined
    },
    onEvent(name, props = {}) {
      consider(
        list().filter((s) =>
          s.triggers.some(
            (t) =>
              t.type === 'event' &&
              t.name === name &&
              (t.props ?? []).every((f) => compare(f.op, props[f.prop], f.value)),
          ),
        ),
      )
    },
    onPageview(u) {
      if (u === url) return // the same URL reported twice (e.g. replaceState) is one page view
      url = u
      pageview()
    },
    onTrigger(type, d = {}) {
      consider(
        list().filter(
          (s) =>
            onPage(s) &&
            s.triggers.some((t) =>
              t.type === 'click'
                ? type === 'click' && t.selector === d.selector
                : t.type === 'scroll'
                  ? type === 'scroll' && (d.percent ?? 0) >= t.percent
                  : t.type === type,
            ),
        ),
      )
    },
    show(id) {
      if (!surveys) pendingShow = id
      consider(
        list().filter((s) => s.id === id),
        true,
      )
    },
    get active() {
      return active
    },
    get selectors() {
      return list().flatMap((s) =>
        s.triggers.flatMap((t) => (t.type === 'click' ? [t.selector] : [])),
      )
    },
    destroy() {
      dead = true
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    },
  }
}
