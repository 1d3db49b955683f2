import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Question, Survey, Trigger, UrlRule } from '../../src/schema'

/** Every JSON example in docs/SURVEYS.md must be valid against the real schema. */
const doc = readFileSync(new URL('../../../../docs/SURVEYS.md', import.meta.url), 'utf8')
const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!)

/** Split a block into its top-level JSON values (examples are often listed one per line). */
const values = (text: string): unknown[] => {
  // Fragments of top-level fields, one per unindented line: each becomes its own object.
  if (text.startsWith('"'))
    return text
      .trim()
      .split(/\n(?=")/)
      .map((f) => JSON.parse(`{${f}}`))
  const src = text
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let str = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (str) {
      if (c === '\\') i++
      else if (c === '"') str = false
    } else if (c === '"') str = true
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i
    } else if ((c === '}' || c === ']') && --depth === 0)
      out.push(JSON.parse(src.slice(start, i + 1)))
  }
  return out
}

const base = {
  id: 'doc',
  name: 'Doc',
  questions: [{ id: 'q', type: 'nps', title: 'Q' }],
}

/** Validate one example by what it looks like. Returns what it was checked as. */
const check = (v: unknown): string => {
  if (Array.isArray(v)) return v.map(check).join(',')
  const o = v as Record<string, unknown>
  if ('questions' in o && 'name' in o) {
    Survey.parse(o)
    return 'survey'
  }
  if ('title' in o && 'type' in o) {
    Question.parse(o)
    return 'question'
  }
  if ('type' in o) {
    Trigger.parse(o)
    return 'trigger'
  }
  if ('match' in o) {
    UrlRule.parse(o)
    return 'url'
  }
  // A fragment of top-level fields ("audience": …, "translations": …).
  Survey.parse({ ...base, ...o })
  return 'fields'
}

describe('docs/SURVEYS.md examples', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(20)
  })

  it.each(blocks.map((b, i) => [i, b] as const))('block %i is valid', (_, block) => {
    const vs = values(block)
    expect(vs.length).toBeGreaterThan(0)
    for (const v of vs) expect(() => check(v)).not.toThrow()
  })

  it('shows every question type, trigger type, URL mode and logic op', () => {
    const all = blocks.flatMap(values)
    const seen = JSON.stringify(all)
    for (const t of ['nps', 'rating', 'csat', 'ces', 'single', 'multi', 'text', 'cta', 'consent'])
      expect(seen).toContain(`"type":"${t}"`)
    for (const t of ['pageview', 'event', 'click', 'delay', 'scroll', 'exit-intent'])
      expect(seen).toContain(`"type":"${t}"`)
    for (const m of ['exact', 'contains', 'starts', 'ends', 'regex'])
      expect(doc).toContain(`| \`${m}\``)
    for (const op of ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'includes', 'answered', 'skipped'])
      expect(doc).toContain(`\`${op}\``)
    for (const f of ['once', 'until-answered', 'always', 'max']) expect(doc).toContain(`| \`${f}\``)
  })
})
