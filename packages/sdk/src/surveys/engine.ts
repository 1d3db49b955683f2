/**
 * The survey engine: decides which survey shows when, and turns a renderer's answers into
 * display / response / dismiss events. Pure: no DOM (browser trigger sources live in
 * browser-triggers.ts), no zod, closures only so the minifier can shrink it.
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
import type { NewEvent, SurveyEngine, SurveyEngineHost } from './engine-types'
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
  let surveys: Survey[] = []
  let configured = false
  let recontact = 0
  let url = ''
  let active: string | undefined
  let dead = false
  let pendingShow: string | undefined
  let st: FrequencyState = { s: {} }
  const timers: Record<string, ReturnType<typeof setTimeout>> = {}
  // Decisions wait for the stored state; a read failure means a fresh install, not a crash.
  const ready = host.state.get<FrequencyState>(STATE_KEY).then(
    (v) => {
      if (v?.s) st = v
    },
    () => {},
  )
  const save = () => host.state.set(STATE_KEY, st).catch(() => {})
  /** On a page where the survey may show: any of its pageview rules matches, or it has none. */
  const where = (s: Survey) => s.triggers.filter((t) => t.type === 'pageview')
  const onPage = (s: Survey) => !where(s)[0] || where(s).some((t) => urlMatches(url, t.url))

  /** Try candidates in config order; the first that may show wins (one on screen at a time). */
  const consider = (cands: Survey[], force?: boolean) =>
    ready.then(() => cands.some((s) => open(s, force))).catch(() => {}) // never into the page

  const open = (s: Survey, force?: boolean): boolean => {
    const c = host.context()
    const now = host.now()
    const surveyId = s.id
    if (
      dead ||
      active ||
      !c.installId ||
      !(
        force ||
        (inAudience(s.audience, c) &&
          sampled(c.installId, surveyId, s.audience?.sample) &&
          mayShow(s, st, now, recontact))
      )
    )
      return false
    const key = pickLocale(Object.keys(s.translations ?? {}), c.locale)
    const survey = translate(s, key)
    const responseId = host.newId()
    const qs = s.questions
    const stats = st.s[surveyId] || { n: 0 }
    // The user's attributes ride along on each step (the server keeps them with the response),
    // minus any the server would reject, which would lose the answers with them.
    const attributes = Object.fromEntries(
      Object.entries(c.attributes).filter(([k, v]) => k.length <= 100 && `${v}`.length <= 1000),
    )
    let done = false
    const rec = (type: NewEvent['type'], more?: object) =>
      host.record({ type, surveyId, responseId, ...more } as NewEvent)
    // While this api is live it is the one on screen, so closing frees the screen.
    const close = () => {
      done = true
      active = undefined
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
        rec('response', { answers: { ...extra, [id]: value }, finished, attributes })
        if (finished) {
          close()
          stats.a = 1
          st.s[surveyId] = stats
          save()
        }
        return next
      },
      dismiss() {
        if (!done) {
          close()
          rec('dismiss')
        }
      },
    }
    active = surveyId
    let shown = false
    try {
      shown = host.present(survey, api)
    } catch {
      // A renderer that throws must not leave the screen "taken" forever.
    }
    if (!shown) {
      active = undefined
      return false
    }
    rec('display')
    stats.n++
    st.s[surveyId] = stats
    st.l = now
    save()
    return true
  }

  const pageview = () => {
    // Cancel delays whose survey's URL rule no longer matches; others keep counting.
    for (const id in timers)
      if (!surveys.some((s) => s.id === id && onPage(s))) {
        clearTimeout(timers[id])
        delete timers[id]
      }
    consider(
      surveys.filter((s) => {
        if (!onPage(s)) return false
        for (const t of s.triggers)
          if (t.type === 'delay')
            timers[s.id] ??= setTimeout(() => {
              delete timers[s.id]
              consider([s])
            }, t.seconds * 1e3)
        // Shown by the page view itself: it has pageview triggers and no page trigger.
        return where(s)[0] && s.triggers.every((t) => !PAGE_TRIGGERS.includes(t.type))
      }),
    )
  }

  const engine: BrowserSurveyEngine = {
    setConfig(config) {
      surveys = config.surveys
      recontact = config.settings?.recontactDays ?? 0
      // Page views and show() calls that came before the first config are honoured now.
      if (!configured && url) pageview()
      configured = true
      if (pendingShow) engine.show(pendingShow)
    },
    onEvent(name, props = {}) {
      consider(
        surveys.filter((s) =>
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
      // The same URL reported twice (e.g. replaceState) is one page view.
      if (u !== url) {
        url = u
        pageview()
      }
    },
    onTrigger(type, d = {}) {
      consider(
        surveys.filter(
          (s) =>
            onPage(s) &&
            s.triggers.some(
              (t) =>
                t.type === type &&
                (t.type === 'click'
                  ? t.selector === d.selector
                  : t.type !== 'scroll' || (d.percent ?? 0) >= t.percent),
            ),
        ),
      )
    },
    show(id) {
      pendingShow = configured ? undefined : id
      consider(
        surveys.filter((s) => s.id === id),
        true,
      )
    },
    get active() {
      return active
    },
    get selectors() {
      return surveys.flatMap((s) =>
        s.triggers.flatMap((t) => (t.type === 'click' ? [t.selector] : [])),
      )
    },
    destroy() {
      dead = true
      for (const id in timers) clearTimeout(timers[id])
    },
  }
  return engine
}
