/** LANGS (the i18n files) and LANG (the pattern pickLang uses) list the same languages. */
import { describe, expect, it } from 'vitest'
import { LANG, LANGS, pickLang } from '../src/i18n/locales'

describe('supported languages', () => {
  it('LANG matches exactly the LANGS entries', () => {
    expect(LANG.source.slice(2, -2).split('|').sort()).toEqual([...LANGS].sort())
    for (const l of LANGS) expect(pickLang(`${l}-XX`)).toBe(l)
  })
})
