import type { UrlRule } from '../schema'

/**
 * Does `url` satisfy `rule`? No rule means every page. Values starting with "/" are compared
 * with the path (+ query + hash) so "starts /pricing" works without spelling the origin; other
 * values with the full URL. A regex matches if it matches the full URL or the path. A bad regex
 * matches nothing, negated or not: a broken rule must never show a survey, nor throw.
 */
export const urlMatches = (url: string, rule?: UrlRule): boolean => {
  if (!rule) return true
  const { match, value } = rule
  const not = match.startsWith('not-')
  const mode = not ? match.slice(4) : match
  const path = url.replace(/^[a-z][\w+.-]*:\/\/[^/?#]*/i, '') || '/'
  let hit: boolean
  if (mode === 'regex') {
    try {
      const re = new RegExp(value)
      hit = re.test(url) || re.test(path)
    } catch {
      return false
    }
  } else {
    const s = value[0] === '/' ? path : url
    hit =
      mode === 'exact'
        ? s === value
        : mode === 'contains'
          ? s.includes(value)
          : mode === 'starts'
            ? s.startsWith(value)
            : s.endsWith(value)
  }
  return hit !== not
}
