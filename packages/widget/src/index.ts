/** @candor/widget: the preact UI for @candor/sdk. Public API: mountWidget and its option types. */
import type { Candor } from '@candor/sdk'
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
 * root. Returns the cleanup that removes every node and listener. Never throws.
 */
export function mountWidget(candor: Candor, options: MountOptions = {}): () => void {
  let widget: Widget | undefined
  try {
    widget = createWidget(candor, options, need)
    const off = candor.on('survey', widget.show)
    return () => {
      off()
      widget!.destroy()
    }
  } catch (e) {
    widget?.destroy()
    console.warn('candor: widget not mounted', e)
    return () => {}
  }
}

export type { MountOptions, Theme } from './types'
