import type { Survey } from '../schema'
import type { EngineContext } from './engine-types'
import { norm } from './translate'

/** "fr" matches "fr", "fr-CA" and "fr_CA"; "fr-CA" matches only "fr-CA". */
export const localeMatches = (wanted: string, locale: string): boolean =>
  norm(`${locale}-`).startsWith(norm(`${wanted}-`))

/** Locales, devices and attributes (compared as text, so 3 equals "3"); empty lists = anyone. */
export const inAudience = (a: Survey['audience'], c: EngineContext): boolean =>
  !a ||
  ((!a.locales?.length || a.locales.some((l) => localeMatches(l, c.locale))) &&
    (!a.devices?.length || a.devices.includes(c.device)) &&
    Object.entries(a.attributes ?? {}).every(
      ([k, v]) => c.attributes[k] != null && `${c.attributes[k]}` === `${v}`,
    ))
