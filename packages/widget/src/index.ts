/**
 * @candor/widget: the preact UI for @candor/sdk. Public API: mountWidget and its option types.
 * @module @candor/widget
 */
import type { Candor, SurveyApi } from '@candor/sdk'
import en from './i18n/en'
import { createWidget, type Widget } from './mount'
import type { AnchorFn, MountOptions, Need, Strings } from './types'

type Mod<T> = Promise<{ default: T }>
// One dynamic import per locale: bundlers split each into its own chunk, loaded only when needed.
const locales: Record<string, () => Mod<Strings>> = {
  ar: () => import('./i18n/ar'),
  de: () => import('./i18n/de'),
  es: () => import('./i18n/es'),
  fr: () => import('./i18n/fr'),
  he: () => import('./i18n/he'),
  it: () => import('./i18n/it'),
  ja: () => import('./i18n/ja'),
  nl: () => import('./i18n/nl'),
  pt: () => import('./i18n/pt'),
  zh: () => import('./i18n/zh'),
}

const need = ((name: string) =>
  name === 'anchor'
    ? (import('./placement/anchor') as Mod<AnchorFn>).then((m) => m.default)
    : name in locales
      ? locales[name]!().then((m) => m.default)
      : Promise.resolve(en)) as Need

/**
 * Render the surveys `candor` presents (and, with `launcher`, a "Feedback" tab) in a shadow
 * root. Returns the cleanup that removes every node and listener and dismisses a survey still
 * open. Never throws.
 */
export function mountWidget(candor: Candor, options: MountOptions = {}): () => void {
  let widget: Widget | undefined
  try {
    widget = createWidget(candor, options, need)
    let shown: SurveyApi | undefined
    const off = candor.on('survey', (survey, api) => {
      shown = api
      widget!.show(survey, api)
    })
    return () => {
      off()
      widget!.destroy()
      // A survey left open (e.g. the app changed route) is dismissed, so the SDK frees the
      // screen for the next mount; after an answer or a dismiss this is a no-op.
      try {
        shown?.dismiss()
      } catch {}
    }
  } catch (e) {
    widget?.destroy()
    console.warn('candor: widget not mounted', e)
    return () => {}
  }
}

export type { MountOptions, Theme } from './types'
