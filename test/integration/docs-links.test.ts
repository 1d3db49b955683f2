/**
 * Every relative link in README.md and docs/*.md points at a file that exists, and every
 * `#anchor` into a Markdown file at one of its headings (GitHub's heading slugs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const withoutCode = (md: string) => md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')

/** GitHub's slug: lower case, punctuation dropped (but `-` and `_`), spaces to `-`. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-')

function headings(file: string): Set<string> {
  const md = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  return new Set([...md.matchAll(/^#+\s+(.*)$/gm)].map((m) => slug(m[1]!)))
}

const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]

describe('documentation links', () => {
  it('slugs headings like GitHub', () => {
    expect(slug('Contrast (WCAG 2.2 AA)')).toBe('contrast-wcag-22-aa')
    expect(slug('Headless: render it yourself')).toBe('headless-render-it-yourself')
  })

  for (const page of pages) {
    it(`${page}: every relative link resolves`, () => {
      const md = withoutCode(readFileSync(join(root, page), 'utf8'))
      const broken: string[] = []
      for (const [, target] of md.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue
        const [path, anchor] = target!.split('#')
        const file = path ? normalize(join(root, dirname(page), path)) : join(root, page)
        if (!existsSync(file)) broken.push(`${target}: no such file`)
        else if (anchor && file.endsWith('.md') && !headings(file).has(anchor))
          broken.push(`${target}: no such heading`)
      }
      expect(broken).toEqual([])
    })
  }
})
