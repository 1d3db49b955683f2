// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import en from '../src/i18n/en'
import { isRtl, LANGS, pickLang } from '../src/i18n/locales'
import { mountWidget } from '../src/index'
import { fakeCandor, settle, survey } from './fake-candor'
import { $, $$, key, root } from './helpers'

let cleanup = () => {}
afterEach(() => cleanup())

describe('i18n', () => {
  it('every locale has every English key, non-empty', async () => {
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const strings = (await import(`../src/i18n/${lang}.ts`)).default
      expect(Object.keys(strings).sort(), lang).toEqual(Object.keys(en).sort())
      for (const v of Object.values(strings)) expect(String(v).trim(), lang).not.toBe('')
      expect(strings.of, lang).toMatch(/\{n\}.*\{max\}|\{max\}.*\{n\}/)
    }
  })

  it('picks the base language and falls back to English', () => {
    expect(pickLang('pt-BR')).toBe('pt')
    expect(pickLang('zh_Hans')).toBe('zh')
    expect(pickLang('sv')).toBe('en')
    expect(pickLang(undefined)).toBe('en')
    expect(isRtl('ar-EG')).toBe(true)
    expect(isRtl('he')).toBe(true)
    expect(isRtl('fr')).toBe(false)
  })

  it("renders UI strings in the survey's locale, with lang set", async () => {
    const candor = fakeCandor()
    cleanup = mountWidget(candor)
    candor.present(survey([{ id: 'q', type: 'nps', title: 'Recommanderiez-vous ?' }]), {
      locale: 'fr-CA',
    })
    await settle()
    await settle()
    expect($('.x')!.getAttribute('aria-label')).toBe('Fermer')
    expect($('.lh')!.textContent).toBe('Peu probableTrès probable')
    expect($('.w')!.getAttribute('lang')).toBe('fr-CA')
    expect($('.w')!.getAttribute('dir')).toBe('ltr')
  })

  it('Arabic and Hebrew render right to left, and arrow keys follow the visual order', async () => {
    const candor = fakeCandor()
    cleanup = mountWidget(candor)
    candor.present(survey([{ id: 'q', type: 'nps', title: 'ما مدى احتمال أن توصي بنا؟' }]), {
      locale: 'ar',
    })
    await settle()
    await settle()
    expect($('.w')!.getAttribute('dir')).toBe('rtl')
    expect($('.x')!.getAttribute('aria-label')).toBe('إغلاق')
    const radios = $$('[role=radio]')
    key(radios[0]!, 'ArrowLeft') // visually the next one in RTL
    await settle()
    expect(root().activeElement).toBe(radios[1])
  })
})
