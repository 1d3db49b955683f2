/** FNV-1a (32 bit) of `s`, scaled to [0, 1). Small, fast and well spread for random ids. */
export const hash01 = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return (h >>> 0) / 2 ** 32
}

/**
 * Is this install in the survey's sample? Deterministic per install + survey, so the same
 * person is in or out every time (never re-rolled per trigger), independently per survey.
 */
export const sampled = (installId: string, surveyId: string, rate?: number): boolean =>
  rate == null || hash01(`${installId}/${surveyId}`) < rate
