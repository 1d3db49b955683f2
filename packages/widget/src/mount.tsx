/**
 * Builds the widget: a <candor-widget> host with an open shadow root, styled by constructable
 * stylesheets, rendering whichever survey the SDK hands over (and the launcher). State lives in
 * this closure and every change repaints; components keep only their own step's state.
 */

import type { Candor, Survey, SurveyApi } from '@candor/sdk'
import { render } from 'preact'
import { baseLang, isRtl } from './i18n/locales'
import { applyCss, css, themeCss } from './styles'
import type { MountOptions, Need, Strings } from './types'
import { Dialog } from './ui/Dialog'
import { FeedbackForm } from './ui/FeedbackForm'
import { SurveyView } from './ui/SurveyView'
import { ThankYou } from './ui/ThankYou'

export interface Widget {
  /** Render a survey (the 'survey' handler). */
  show(survey: Survey, api: SurveyApi): void
  /** Remove every node and listener. */
  destroy(): void
}

interface Open {
  /** Locale of the text on screen (sets lang and dir). */
  locale: string
  s: Strings
  survey?: { survey: Survey; api: SurveyApi; done: boolean; anchor: Element | null }
  /** The feedback form was sent. */
  sent?: boolean
}

export function createWidget(candor: Candor, o: MountOptions, need: Need): Widget {
  const d = document
  const host = d.createElement('candor-widget')
  const root = host.attachShadow({ mode: 'open' })
  const mode = o.theme?.mode === 'dark' ? ' dk' : o.theme?.mode === 'light' ? '' : ' sy'
  applyCss(root, css + themeCss(o.theme), o.nonce)
  const el = d.createElement('div')
  root.append(el)
  const uiLocale = o.locale || d.documentElement.lang || navigator.language
  let open: Open | undefined
  let launcher: Strings | undefined
  let live = ''
  let gone = false
  let token = 0

  const strings = (locale: string) => need(baseLang(locale) || 'en').catch(() => need('en'))
  const announce = (text: string) => {
    live = text
    paint()
  }
  const close = () => {
    const sv = open?.survey
    open = undefined
    paint()
    if (sv && !sv.done) sv.api.dismiss()
  }
  const paint = () => {
    if (gone) return
    const sv = open?.survey
    render(
      <div
        class={`w${mode}`}
        lang={open?.locale || uiLocale}
        dir={isRtl(open?.locale || uiLocale) ? 'rtl' : 'ltr'}
      >
        {/* Kept in the DOM while hidden, so focus can return to it when the form closes. */}
        {launcher && (
          <button
            type="button"
            class="ln"
            aria-haspopup="dialog"
            hidden={!!open}
            onClick={() => {
              open = { locale: uiLocale, s: launcher! }
              live = '' // so the same thanks is announced again
              paint()
            }}
          >
            {launcher.feedback}
          </button>
        )}
        {open && (
          <Dialog
            key={sv ? sv.api.responseId : 'fb'}
            labelledBy="qt"
            placement={sv?.survey.appearance?.placement}
            anchor={sv?.anchor}
            need={need}
            s={open.s}
            onClose={close}
          >
            {sv ? (
              <SurveyView
                survey={sv.survey}
                api={sv.api}
                s={open.s}
                announce={announce}
                onEnd={() => {
                  sv.done = true
                }}
                onClose={close}
              />
            ) : open.sent ? (
              <ThankYou title={open.s.thanks} onClose={close} />
            ) : (
              <FeedbackForm
                s={open.s}
                onSend={(input) => {
                  candor.feedback(input)
                  open!.sent = true
                  announce(open!.s.thanks)
                }}
              />
            )}
          </Dialog>
        )}
        <div class="sr" role="status" aria-live="polite">
          {live}
        </div>
      </div>,
      el,
    )
  }

  const attach = () => {
    if (!gone) (o.container || d.body).append(host)
  }
  if (o.container || d.body) attach()
  else d.addEventListener('DOMContentLoaded', attach, { once: true })
  paint()
  if (o.launcher)
    strings(uiLocale).then((s) => {
      launcher = s
      paint()
    })

  return {
    show(survey, api) {
      const mine = ++token
      strings(api.locale).then((s) => {
        if (gone || mine !== token) return
        let anchor: Element | null = null
        try {
          const sel = survey.appearance?.anchor
          anchor = sel ? d.querySelector(sel) : null
        } catch {
          // An invalid selector falls back to the placement.
        }
        open = { locale: api.locale, s, survey: { survey, api, done: false, anchor } }
        live = ''
        paint()
      })
    },
    destroy() {
      render(null, el)
      gone = true
      d.removeEventListener('DOMContentLoaded', attach)
      host.remove()
    },
  }
}
