/**
 * FNV-1a (32 bit) of `s` with murmur3's final mix, scaled to [0, 1). The mix matters: plain
 * FNV-1a of ids that differ only in the last character ("survey-a", "survey-b") is strongly
 * correlated, which would put the same people in every survey's sample.
 */
export const hash01 = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32
}

/**
 * Is this install in the survey's sample? Deterministic per install + survey, so the same
 * person is in or out every time (never re-rolled per trigger), independently per survey.
 */
export const sampled = (installId: string, surveyId: string, rate?: number): boolean =>
  rate == null || hash01(`${installId}/${surveyId}`) < rate
