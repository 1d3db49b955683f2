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
// The chunks sit next to this file, wherever it was served from.
const base = ((document.currentScript as HTMLScriptElement | null)?.src || '').replace(/[^/]*$/, '')

const candorUI: CandorUI = (candor, options, inject) => {
  const cache: Record<string, Promise<unknown>> = { en: Promise.resolve(en) }
  const need = ((name: string) =>
    (cache[name] ||= inject(
      `${base}candor-${name}.${__CANDOR_CHUNKS__.h}.js`,
      __CANDOR_CHUNKS__.i[name]!,
      options.nonce,
    ).then(() => w.candorX![name]))) as Need
  return createWidget(candor, options, need).show
}
w.candorUI = candorUI
