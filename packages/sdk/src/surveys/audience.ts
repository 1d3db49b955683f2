import type { Survey } from '../schema'
import type { EngineContext } from './engine-types'

const norm = (l: string) => l.toLowerCase().replace(/_/g, '-')

/** "fr" matches "fr", "fr-CA" and "fr_CA"; "fr-CA" matches only "fr-CA". */
export const localeMatches = (wanted: string, locale: string): boolean => {
  const w = norm(wanted)
  const l = norm(locale)
  return l === w || l.startsWith(`${w}-`)
}

/** Locales, devices and attributes (compared as text, so 3 equals "3"); empty lists = anyone. */
export const inAudience = (a: Survey['audience'], c: EngineContext): boolean =>
  !a ||
  ((!a.locales?.length || a.locales.some((l) => localeMatches(l, c.locale))) &&
    (!a.devices?.length || a.devices.includes(c.device)) &&
    Object.entries(a.attributes ?? {}).every(
      ([k, v]) => c.attributes[k] != null && String(c.attributes[k]) === String(v),
    ))
