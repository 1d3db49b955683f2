/** Which UI languages exist and which are written right to left. */
export const LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ja', 'zh', 'ar', 'he']

/** `pt-BR` → `pt`; anything unsupported → `en`. */
export const pickLang = (locale?: string): string => {
  const base = (locale || '').toLowerCase().split(/[-_]/)[0]!
  return LANGS.includes(base) ? base : 'en'
}

export const isRtl = (locale?: string): boolean => /^(ar|he|fa|ur)\b/i.test(locale || '')
