/** Blank answers and props: null/undefined, whitespace-only text, an empty choice list. */
export const isEmpty = (v: unknown): boolean =>
  v == null || (typeof v === 'string' ? !v.trim() : Array.isArray(v) && !v.length)

/**
 * One comparison shared by branching logic (eq … includes, answered, skipped) and event
 * property filters (eq … contains, exists). eq/neq compare as text (9 equals "9", a one-item
 * list equals its item); lt…gte as numbers (NaN never matches); includes/contains: a list holds
 * the item, or text holds it ignoring case. A blank value fails every op but skipped.
 */
export const compare = (op: string, v: unknown, w: unknown): boolean => {
  if (isEmpty(v)) return op === 'skipped'
  const s = `${v}`
  const t = `${w}`
  // Subtraction coerces both sides to numbers; NaN makes every ordering false.
  const d = (v as number) - (w as number)
  const has = Array.isArray(v)
    ? v.map(String).includes(t)
    : s.toLowerCase().includes(t.toLowerCase())
  return (
    (
      {
        eq: s === t,
        neq: s !== t,
        lt: d < 0,
        lte: d <= 0,
        gt: d > 0,
        gte: d >= 0,
        includes: has,
        contains: has,
        answered: true,
        exists: true,
      } as Record<string, boolean>
    )[op] ?? false
  )
}
