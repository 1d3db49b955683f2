/** The CEIP consent rules (DESIGN.md "Consent"). */
import type { EventType } from './schema'
import type { Consent } from './types'

/** May anything be stored or sent (and an install id be written)? */
export const mayStore = (c: Consent): boolean => c === 'granted' || c === 'feedback-only'

/** May an event of this type be kept? `feedback-only` keeps everything but usage events. */
export const mayKeep = (c: Consent, type: EventType): boolean =>
  c === 'granted' || (c === 'feedback-only' && type !== 'track')
