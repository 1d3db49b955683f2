import type { Survey } from '../schema'

/** Per survey: `n` displays, `a` answered (finished). `l`: last display of any survey. */
export interface FrequencyState {
  l?: number
  s: Record<string, { n: number; a?: 1 }>
}

/**
 * May this survey show now? It must be active, inside startAt/endAt, past the project's
 * recontact wait (any survey shown within `recontactDays` blocks all), and within its
 * frequency: once (the default), until-answered, always, or max N displays.
 */
export const mayShow = (s: Survey, st: FrequencyState, now: number, recontactDays = 0): boolean => {
  const x = st.s[s.id]
  const f = s.frequency
  const mode = f?.mode ?? 'once'
  return (
    s.status === 'active' &&
    // Absent dates and no last display give NaN, and NaN compares false: no restriction.
    !(now < Date.parse(s.startAt!)) &&
    !(now >= Date.parse(s.endAt!)) &&
    !(now - st.l! < recontactDays * 864e5) &&
    (mode === 'always' ||
      (mode === 'until-answered' ? !x?.a : (x?.n ?? 0) < (mode === 'max' ? (f?.max ?? 1) : 1)))
  )
}
