/** Blank answers and props: null/undefined, whitespace-only text, an empty choice list. */
export const isEmpty = (v: unknown): boolean =>
  v == null || (typeof v === 'string' ? !v.trim() : Array.isArray(v) && !v.length)

/**
 * One comparison shared by branching logic (eq … includes, answered, skipped) and event
 * property filters (eq … contains, exists). Values compare as text for eq/neq (so 9 equals "9"
 * and a one-item list equals its item) and as numbers for lt…gte (NaN never matches).
 * A blank value fails every op but answered/exists (false) and skipped (true).
 */
export const compare = (op: string, v: unknown, w: unknown): boolean => {
  if (op === 'skipped') return isEmpty(v)
  if (isEmpty(v)) return false
  const a = Number(v)
  const b = Number(w)
  return op === 'answered' || op === 'exists'
    ? true
    : op === 'eq'
      ? String(v) === String(w)
      : op === 'neq'
        ? String(v) !== String(w)
        : op === 'lt'
          ? a < b
          : op === 'lte'
            ? a <= b
            : op === 'gt'
              ? a > b
              : op === 'gte'
                ? a >= b
                : // includes / contains: a list holds the item; text holds it, ignoring case.
                  (op === 'includes' || op === 'contains') &&
                  (Array.isArray(v)
                    ? v.map(String).includes(String(w))
                    : String(v).toLowerCase().includes(String(w).toLowerCase()))
}
