/** Which UI languages exist (one i18n file each) and which are written right to left. */
export const LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ja', 'zh', 'ar', 'he']

/**
 * The language of a locale tag, lower case (`pt-BR` → `pt`, `zh_Hans` → `zh`), or undefined
 * unless it is 2 or 3 letters: so never the name of another lazy chunk, such as 'anchor'.
 * Whether the language exists is up to the loader (`Need`), which answers English otherwise.
 */
export const baseLang = (locale?: string): string | undefined =>
  /^([a-z]{2,3})(?![^-_])/i.exec(locale || '')?.[1]?.toLowerCase()

/** `pt-BR` → `pt`; anything unsupported → `en`. */
export const pickLang = (locale?: string): string => {
  const base = baseLang(locale)
  return base && LANGS.includes(base) ? base : 'en'
}

export const isRtl = (locale?: string): boolean => /^(ar|he|fa|ur)\b/i.test(locale || '')
