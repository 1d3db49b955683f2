/**
 * candor-ui.<hash>.js: the preact UI for the script tag (IIFE), fetched by candor.js only when
 * something shows. It registers window.candorUI (see contract.ts). Locales and floating-ui are
 * not in it: they are tiny hashed chunks injected with SRI when a survey needs them.
 */
import en from '../i18n/en'
import { createWidget } from '../mount'
import type { Need } from '../types'
import type { CandorGlobals, CandorUI } from './contract'

const w = window as unknown as CandorGlobals

const candorUI: CandorUI = (candor, options, load) => {
  const cache: Record<string, Promise<unknown>> = { en: Promise.resolve(en) }
  const sri = __CANDOR_CHUNKS__.i
  // A name without a chunk is a language there are no strings for: English.
  const need = ((name: string) =>
    (cache[name] ||= sri[name]
      ? load(`candor-${name}.${__CANDOR_CHUNKS__.h}.js`, sri[name]).then(() => w.candorX![name])
      : cache.en!)) as Need
  return createWidget(candor, options, need).show
}
w.candorUI = candorUI
