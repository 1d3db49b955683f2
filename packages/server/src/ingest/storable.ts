/** PostgreSQL refuses NUL characters and unpaired UTF-16 surrogates in text and JSONB (and
 * they are never meaningful in feedback), so events holding them are rejected up front, on
 * every store alike, instead of failing the whole batch at commit. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function unstorableString(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') {
    if (value.includes('\0')) return 'text may not contain NUL characters'
    if (LONE_SURROGATE.test(value)) return 'text may not contain unpaired surrogates'
    return null
  }
  if (depth > 20 || value === null || typeof value !== 'object') return null
  for (const [k, v] of Object.entries(value)) {
    const bad = unstorableString(k, depth + 1) ?? unstorableString(v, depth + 1)
    if (bad) return bad
  }
  return null
}

/** NUL and surrogates in a JSON text, raw or escaped (`\u0000`, `\ud83d`). False when the
 * text holds none, so no value parsed from it can be unstorable and the per-event walk of
 * unstorableString can be skipped; true (including for valid emoji pairs) means walk. */
const MAYBE_UNSTORABLE = /[\0\ud800-\udfff]|\\u(?:0000|[dD][89a-fA-F])/

export function mayHoldUnstorable(jsonText: string): boolean {
  return MAYBE_UNSTORABLE.test(jsonText)
}
