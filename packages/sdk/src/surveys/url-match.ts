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
  const mode = match.replace('not-', '')
  const path = url.replace(/^[a-z][\w+.-]*:\/\/[^/?#]*/i, '') || '/'
  const s = value[0] === '/' ? path : url
  let hit: boolean | undefined
  if (mode === 'regex')
    try {
      const re = new RegExp(value)
      hit = re.test(url) || re.test(path)
    } catch {
      return false
    }
  else
    hit = (
      {
        exact: s === value,
        contains: s.includes(value),
        starts: s.startsWith(value),
        ends: s.endsWith(value),
      } as Record<string, boolean>
    )[mode]
  return !!hit !== (mode !== match)
}
