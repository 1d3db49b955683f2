import type { Survey } from '../schema'

/** Locale tags compared case-insensitively, "_" read as "-". */
export const norm = (l: string) => l.toLowerCase().replace(/_/g, '-')
const lang = (l: string) => norm(l).split('-')[0]

/**
 * The translation key for `locale`: exact, then the bare language ("pt" for "pt-PT"), then any
 * variant of it ("fr-CA" for "fr"), else none (the survey's own text).
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
  return t
    ? {
        // Only string fields are laid over, so `t` itself supplies just the name.
        ...overlay(s, t),
        questions: s.questions.map((q) => {
          const qt = t.questions?.[q.id]
          const n = overlay(q, qt)
          if ('options' in n)
            n.options = n.options.map((o) => overlay(o, { label: qt?.options?.[o.id] }))
          return n
        }),
        thankYou: s.thankYou && overlay(s.thankYou, t.thankYou),
      }
    : s
}
