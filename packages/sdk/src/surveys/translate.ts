import type { Survey } from '../schema'

const norm = (l: string) => l.toLowerCase().replace(/_/g, '-')
const lang = (l: string) => norm(l).split('-')[0]

/**
 * The translation key for `locale`: exact (case-insensitive, "_" = "-"), then the bare language
 * ("pt" for "pt-PT"), then any variant of it ("fr-CA" for "fr"), else none (the survey's text).
 */
export const pickLocale = (keys: string[], locale: string): string | undefined => {
  const l = lang(locale)
  return (
    keys.find((k) => norm(k) === norm(locale)) ??
    keys.find((k) => norm(k) === l) ??
    keys.find((k) => lang(k) === l)
  )
}

/** Copy `base` with every non-empty string of `over` laid on top (blank = keep the original). */
const overlay = <T extends object>(base: T, over: object = {}): T => {
  const o: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [k, v] of Object.entries(over)) if (typeof v === 'string' && v) o[k] = v
  return o as T
}

/** The survey with translation `key` applied (name, question texts, option labels, thank-you). */
export const translate = (s: Survey, key?: string): Survey => {
  const t = key ? s.translations?.[key] : undefined
  if (!t) return s
  return {
    ...overlay(s, { name: t.name }),
    questions: s.questions.map((q) => {
      const qt = t.questions?.[q.id]
      const n = overlay(q, qt)
      if ('options' in n && qt?.options) {
        const labels = qt.options
        n.options = n.options.map((o) => overlay(o, { label: labels[o.id] }))
      }
      return n
    }),
    thankYou: s.thankYou && overlay(s.thankYou, t.thankYou),
  }
}
