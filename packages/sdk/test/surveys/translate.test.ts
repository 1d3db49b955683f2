import { describe, expect, it } from 'vitest'
import { pickLocale, translate } from '../../src/surveys/translate'
import { setup, survey } from './helpers'

const s = survey({
  name: 'Plan survey',
  questions: [
    {
      id: 'score',
      type: 'nps',
      title: 'How likely?',
      lowerLabel: 'Not likely',
      upperLabel: 'Very likely',
    },
    {
      id: 'plan',
      type: 'single',
      title: 'Your plan?',
      options: [
        { id: 'free', label: 'Free' },
        { id: 'pro', label: 'Pro' },
      ],
    },
    { id: 'go', type: 'cta', title: 'Try it', buttonLabel: 'Open' },
  ],
  thankYou: { title: 'Thank you!', body: 'We read everything.' },
  translations: {
    fr: {
      name: 'Sondage',
      questions: {
        score: { title: 'Quelle probabilité ?', lowerLabel: 'Peu probable', upperLabel: '' },
        plan: { title: 'Votre offre ?', options: { free: 'Gratuit' } },
        go: { buttonLabel: 'Ouvrir' },
      },
      thankYou: { title: 'Merci !' },
    },
    'pt-BR': { questions: { score: { title: 'Qual a probabilidade?' } } },
    pt: { questions: { score: { title: 'Qual é a probabilidade?' } } },
  },
})

describe('translations', () => {
  const keys = ['fr', 'pt-BR', 'pt']
  it('picks exact, then the language, else none', () => {
    expect(pickLocale(keys, 'pt-BR')).toBe('pt-BR')
    expect(pickLocale(keys, 'pt_br')).toBe('pt-BR')
    expect(pickLocale(keys, 'pt-PT')).toBe('pt')
    expect(pickLocale(keys, 'fr-CA')).toBe('fr')
    expect(pickLocale(['fr-CA'], 'fr')).toBe('fr-CA')
    expect(pickLocale(keys, 'de')).toBeUndefined()
  })

  it('applies texts, option labels and thank-you; blanks and missing keep the original', () => {
    const t = translate(s, 'fr')
    expect(t.name).toBe('Sondage')
    expect(t.questions[0]).toMatchObject({
      title: 'Quelle probabilité ?',
      lowerLabel: 'Peu probable',
      upperLabel: 'Very likely',
    })
    expect(t.questions[1]).toMatchObject({
      title: 'Votre offre ?',
      options: [
        { id: 'free', label: 'Gratuit' },
        { id: 'pro', label: 'Pro' },
      ],
    })
    expect(t.questions[2]).toMatchObject({ title: 'Try it', buttonLabel: 'Ouvrir' })
    expect(t.thankYou).toEqual({ title: 'Merci !', body: 'We read everything.' })
    // The definition itself is untouched.
    expect(s.questions[0]?.title).toBe('How likely?')
    expect(translate(s, undefined)).toBe(s)
  })

  it('the renderer gets the translated survey and the chosen locale', async () => {
    const fr = await setup([s], { ctx: { locale: 'fr-CA' } })
    expect(fr.h.api.locale).toBe('fr')
    expect(fr.h.api.survey.questions[0]?.title).toBe('Quelle probabilité ?')
    expect(fr.h.shown[0]?.survey).toBe(fr.h.api.survey)
    const de = await setup([s], { ctx: { locale: 'de-DE' } })
    expect(de.h.api.locale).toBe('de-DE')
    expect(de.h.api.survey.questions[0]?.title).toBe('How likely?')
  })
})
