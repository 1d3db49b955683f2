/** Which UI languages exist (one i18n file each) and which are written right to left. */
export const LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ja', 'zh', 'ar', 'he']
// LANGS as a pattern, for pickLang: a regex costs the UI chunk fewer bytes than the array and
// includes(). test/i18n-langs.test.ts keeps the two in step.
export const LANG = /^(en|fr|de|es|it|pt|nl|ja|zh|ar|he)$/

/** `pt-BR` → `pt`; anything unsupported → `en`. */
export const pickLang = (locale?: string): string => {
  const base = (locale || '').toLowerCase().split(/[-_]/)[0]!
  return LANG.test(base) ? base : 'en'
}

export const isRtl = (locale?: string): boolean => /^(ar|he|fa|ur)\b/i.test(locale || '')
