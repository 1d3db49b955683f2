/** baseLang: the language part of a locale tag, which the widget asks its loader for. */
import { describe, expect, it } from 'vitest'
import { baseLang, LANGS, pickLang } from '../src/i18n/locales'

describe('baseLang', () => {
  it('is the lower-case language of a tag, with - or _ before the region or script', () => {
    expect(baseLang('pt-BR')).toBe('pt')
    expect(baseLang('zh_Hans')).toBe('zh')
    expect(baseLang('FR')).toBe('fr')
    expect(baseLang('fil-PH')).toBe('fil')
    for (const l of LANGS) expect(baseLang(`${l}-XX`)).toBe(l)
  })

  it('is undefined unless the language is 2 or 3 letters: never another chunk name', () => {
    for (const tag of [undefined, '', 'e', 'anchor', 'english', 'fr1', 'pt.BR', '-fr']) {
      expect(baseLang(tag), String(tag)).toBeUndefined()
      expect(pickLang(tag)).toBe('en')
    }
  })
})
