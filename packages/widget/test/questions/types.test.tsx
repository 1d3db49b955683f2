// @vitest-environment happy-dom
import type { Survey } from '@candor/sdk'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mountWidget } from '../../src/index'
import { type FakeCandor, fakeCandor, settle, survey } from '../fake-candor'
import { $, $$, check, root, submit, type } from '../helpers'

type Q = Survey['questions'][number]
let candor: FakeCandor
let cleanup: () => void
beforeEach(() => {
  document.body.innerHTML = ''
  candor = fakeCandor()
  cleanup = mountWidget(candor)
})
afterEach(() => cleanup())

const show = async (q: Q) => {
  const api = candor.present(survey([q]))
  await settle()
  return api
}
const radios = () => $$('[role=radio]')

describe('scale questions', () => {
  it.each([
    [3, 'number', ['1', '2', '3']],
    [5, 'number', ['1', '2', '3', '4', '5']],
    [7, 'number', ['1', '2', '3', '4', '5', '6', '7']],
    [10, 'number', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']],
  ] as const)('rating %i (%s) shows 1..%i', async (scale, display, labels) => {
    await show({ id: 'r', type: 'rating', title: 'Rate', scale, display })
    expect(radios().map((r) => r.textContent)).toEqual(labels)
  })

  it('star ratings name each star "n of max" and fill up to the selection', async () => {
    const api = await show({ id: 'r', type: 'rating', title: 'Rate', scale: 5, display: 'star' })
    expect(radios().map((r) => r.getAttribute('aria-label'))).toEqual([
      '1 of 5',
      '2 of 5',
      '3 of 5',
      '4 of 5',
      '5 of 5',
    ])
    radios()[3]!.click()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'r', value: 4 }])
  })

  it('emoji ratings run from the saddest to the happiest face', async () => {
    await show({ id: 'r', type: 'rating', title: 'Rate', scale: 3, display: 'emoji' })
    expect(radios().map((r) => r.textContent)).toEqual(['😞', '😐', '😄'])
    expect(radios()[2]!.getAttribute('aria-label')).toBe('3 of 3')
  })

  it('a rating without scale/display (defaults not applied) is a 1-5 number scale', async () => {
    await show({ id: 'r', type: 'rating', title: 'Rate' } as Q)
    expect(radios().map((r) => r.textContent)).toEqual(['1', '2', '3', '4', '5'])
  })

  it('csat is 1-5 and ces 1-7, with default end labels', async () => {
    await show({ id: 'c', type: 'csat', title: 'Satisfied?' })
    expect(radios()).toHaveLength(5)
    expect($('.lh')!.textContent).toBe('Very unsatisfiedVery satisfied')
    cleanup()
    cleanup = mountWidget(candor)
    await show({ id: 'e', type: 'ces', title: 'Easy?', lowerLabel: 'Hard', upperLabel: 'Easy' })
    expect(radios()).toHaveLength(7)
    expect($('.lh')!.textContent).toBe('HardEasy')
  })

  it('a non-required scale can be skipped with Next (answered as null)', async () => {
    const api = await show({ id: 'n', type: 'nps', title: 'NPS' })
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'n', value: null }])
  })
})

describe('choice questions', () => {
  const options = [
    { id: 'free', label: 'Free' },
    { id: 'pro', label: 'Pro' },
    { id: 'team', label: 'Team' },
  ]

  it('single choice answers the option id', async () => {
    const api = await show({ id: 'plan', type: 'single', title: 'Plan?', options })
    expect($$('input[type=radio]').map((i) => i.parentElement!.textContent)).toEqual([
      'Free',
      'Pro',
      'Team',
    ])
    check($$<HTMLInputElement>('input[type=radio]')[1]!)
    await settle()
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'plan', value: 'pro' }])
  })

  it('"other" shows a text field and answers "other" plus "<id>.other"', async () => {
    const api = await show({
      id: 'plan',
      type: 'single',
      title: 'Plan?',
      options,
      allowOther: true,
    })
    const other = $$<HTMLInputElement>('input[type=radio]')[3]!
    expect(other.parentElement!.textContent).toBe('Other')
    expect($('input.in')).toBeNull()
    check(other)
    await settle()
    const text = $<HTMLInputElement>('input.in')!
    expect(text.getAttribute('aria-label')).toBe('Please specify')
    type(text, 'Enterprise')
    await settle()
    submit()
    await settle()
    expect(api.answers).toEqual([
      { questionId: 'plan', value: 'other', extra: { 'plan.other': 'Enterprise' } },
    ])
  })

  it('shuffle reorders the options but keeps "other" last', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, label: `O${i}` }))
    const seq = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.05, 0.95]
    let k = 0
    vi.spyOn(Math, 'random').mockImplementation(() => seq[k++ % seq.length]!)
    await show({
      id: 'c',
      type: 'single',
      title: 'Pick',
      options: many,
      allowOther: true,
      shuffle: true,
    })
    vi.restoreAllMocks()
    const labels = $$('label.op').map((l) => l.textContent)
    expect(labels).toHaveLength(13)
    expect(labels.at(-1)).toBe('Other')
    expect(labels.slice(0, 12)).not.toEqual(many.map((o) => o.label))
    expect([...labels.slice(0, 12)].sort()).toEqual(many.map((o) => o.label).sort())
  })

  it('multi choice answers the checked ids in a group named by the title', async () => {
    const api = await show({ id: 'm', type: 'multi', title: 'Which?', options })
    const group = $('[role=group]')!
    expect(root().getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Which?',
    )
    const boxes = $$<HTMLInputElement>('input[type=checkbox]')
    check(boxes[0]!)
    await settle()
    check(boxes[2]!)
    await settle()
    check(boxes[0]!)
    await settle()
    check(boxes[1]!)
    await settle()
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'm', value: ['team', 'pro'] }])
  })

  it('a required multi with nothing checked shows the error', async () => {
    const api = await show({ id: 'm', type: 'multi', title: 'Which?', options, required: true })
    submit()
    await settle()
    expect($('[role=alert]')).not.toBeNull()
    expect(api.answers).toEqual([])
  })
})

describe('text, cta and consent', () => {
  it('single-line text with a max length and a counter', async () => {
    const api = await show({
      id: 't',
      type: 'text',
      title: 'Why?',
      maxLength: 20,
      placeholder: 'Tell us',
    })
    const input = $<HTMLInputElement>('input.in')!
    expect(input.maxLength).toBe(20)
    expect(input.placeholder).toBe('Tell us')
    type(input, 'Because')
    await settle()
    expect(root().getElementById(input.getAttribute('aria-describedby')!)!.textContent).toBe('7/20')
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 't', value: 'Because' }])
  })

  it('multi-line text is a textarea; blank answers count as skipped', async () => {
    const api = await show({ id: 't', type: 'text', title: 'Why?', multiline: true })
    type($<HTMLTextAreaElement>('textarea')!, '   ')
    await settle()
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 't', value: null }])
  })

  it('cta opens its link in a new tab and answers true', async () => {
    const api = await show({
      id: 'c',
      type: 'cta',
      title: 'Try it',
      buttonLabel: 'Open docs',
      url: 'https://example.com/docs',
    })
    const a = $<HTMLAnchorElement>('a.btn')!
    expect(a.textContent).toBe('Open docs')
    expect(a.getAttribute('href')).toBe('https://example.com/docs')
    expect(a.rel).toContain('noopener')
    a.addEventListener('click', (e) => e.preventDefault())
    a.click()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'c', value: true }])
  })

  it('a javascript: cta url is never rendered as a link', async () => {
    await show({ id: 'c', type: 'cta', title: 'x', buttonLabel: 'Go', url: 'javascript:alert(1)' })
    expect($('a')).toBeNull()
    expect($('.qi button')!.textContent).toBe('Go')
  })

  it('consent is a labelled checkbox; required consent must be checked', async () => {
    const api = await show({
      id: 'ok',
      type: 'consent',
      title: 'Consent',
      label: 'I agree',
      required: true,
    })
    submit()
    await settle()
    expect($('[role=alert]')).not.toBeNull()
    const box = $<HTMLInputElement>('input[type=checkbox]')!
    expect(box.parentElement!.textContent).toBe('I agree')
    check(box)
    await settle()
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'ok', value: true }])
  })

  it('optional consent left unchecked answers false', async () => {
    const api = await show({ id: 'ok', type: 'consent', title: 'Consent', label: 'I agree' })
    submit()
    await settle()
    expect(api.answers).toEqual([{ questionId: 'ok', value: false }])
  })
})
