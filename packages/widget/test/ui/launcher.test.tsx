// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mountWidget } from '../../src/index'
import { type FakeCandor, fakeCandor, settle, survey } from '../fake-candor'
import { $, $$, key, root, submit, type } from '../helpers'

let candor: FakeCandor
let cleanup: () => void
beforeEach(async () => {
  document.body.innerHTML = '<button id="b">page</button>'
  candor = fakeCandor()
  cleanup = mountWidget(candor, { launcher: true, locale: 'en' })
  await settle()
})
afterEach(() => cleanup())

const launcher = () => $<HTMLButtonElement>('button.ln:not([hidden])')

describe('launcher and feedback form', () => {
  it('shows a "Feedback" tab that opens a labelled form dialog', async () => {
    expect(launcher()!.textContent).toBe('Feedback')
    expect(launcher()!.getAttribute('aria-haspopup')).toBe('dialog')
    launcher()!.click()
    await settle()
    const dialog = $('[role=dialog]')!
    expect(root().getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Feedback',
    )
    expect(launcher()).toBeNull()
    // Every control has a name: the select and textarea by their <label>, stars by aria-label.
    expect($('select')!.closest('label')!.textContent).toContain('Category')
    expect($('textarea')!.closest('label')!.textContent).toContain('Your message')
    expect($$('[role=radio]').map((r) => r.getAttribute('aria-label'))).toEqual([
      '1 of 5',
      '2 of 5',
      '3 of 5',
      '4 of 5',
      '5 of 5',
    ])
    expect(root().activeElement).toBe($('select'))
  })

  it('sends category, text and the optional rating through candor.feedback', async () => {
    launcher()!.click()
    await settle()
    const select = $<HTMLSelectElement>('select')!
    select.value = 'bug'
    select.dispatchEvent(new Event('change', { bubbles: true }))
    type($<HTMLTextAreaElement>('textarea')!, 'The export button does nothing')
    $$('[role=radio]')[3]!.click()
    await settle()
    submit()
    await settle()
    expect(candor.feedbacks).toEqual([
      { text: 'The export button does nothing', category: 'bug', rating: 4 },
    ])
    expect($('[role=dialog] h2')!.textContent).toBe('Thank you!')
    expect($('[role=status]')!.textContent).toBe('Thank you!')
  })

  it('requires text, and leaves rating out when none was chosen', async () => {
    launcher()!.click()
    await settle()
    submit()
    await settle()
    expect($('[role=alert]')!.textContent).toBe('Please answer this question.')
    expect(candor.feedbacks).toEqual([])
    type($<HTMLTextAreaElement>('textarea')!, 'Nice')
    await settle()
    submit()
    await settle()
    expect(candor.feedbacks).toEqual([{ text: 'Nice', category: 'idea' }])
  })

  it('Escape closes the form, brings the launcher back and focuses it', async () => {
    launcher()!.focus()
    launcher()!.click()
    await settle()
    key(root().activeElement!, 'Escape')
    await settle()
    expect($('[role=dialog]')).toBeNull()
    expect(root().activeElement).toBe(launcher())
  })

  it('a survey takes the place of the launcher while it shows', async () => {
    const api = candor.present(survey([{ id: 'q', type: 'nps', title: 'NPS' }]))
    await settle()
    expect(launcher()).toBeNull()
    key(root().activeElement!, 'Escape')
    await settle()
    expect(api.dismissed).toBe(1)
    expect(launcher()).not.toBeNull()
  })
})
