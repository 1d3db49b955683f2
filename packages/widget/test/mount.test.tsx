// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mountWidget } from '../src/index'
import { type FakeCandor, fakeCandor, settle, survey } from './fake-candor'

const nps = survey(
  [
    { id: 'score', type: 'nps', title: 'How likely are you to recommend us?', required: true },
    { id: 'why', type: 'text', title: 'Why?' },
  ],
  { thankYou: { title: 'Merci beaucoup', body: 'It helps.' } },
)

let candor: FakeCandor
let cleanup: () => void
const root = () => document.querySelector('candor-widget')!.shadowRoot!
const $ = <T extends Element = HTMLElement>(sel: string) => root().querySelector<T>(sel)
const $$ = (sel: string) => [...root().querySelectorAll<HTMLElement>(sel)]
const key = (el: Element, k: string, init: KeyboardEventInit = {}) =>
  el.dispatchEvent(
    new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }),
  )

beforeEach(() => {
  document.body.innerHTML = '<button id="page-btn">page</button>'
  candor = fakeCandor()
  cleanup = mountWidget(candor)
})
afterEach(() => cleanup())

describe('mountWidget', () => {
  it('renders in an open shadow root and registers one survey handler', () => {
    expect(root().mode).toBe('open')
    expect(candor.handlers.size).toBe(1)
    expect($('[role=dialog]')).toBeNull()
  })

  it('shows the NPS as a labelled radio group of 0-10 inside a dialog', async () => {
    candor.present(nps)
    await settle()
    const dialog = $('[role=dialog]')!
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    const title = root().getElementById(dialog.getAttribute('aria-labelledby')!)
    expect(title?.textContent).toBe('How likely are you to recommend us?')
    const group = $('[role=radiogroup]')!
    expect(root().getElementById(group.getAttribute('aria-labelledby')!)).toBe(title)
    const radios = $$('[role=radio]')
    expect(radios.map((r) => r.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])
    // The default end labels describe the group.
    expect(root().getElementById(group.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Not likelyVery likely',
    )
  })

  it('moves focus into the dialog, onto the first radio', async () => {
    document.getElementById('page-btn')!.focus()
    candor.present(nps)
    await settle()
    expect(root().activeElement).toBe($$('[role=radio]')[0])
  })

  it('arrow keys move focus and check with a roving tabindex; answering waits for a select', async () => {
    const api = candor.present(nps)
    await settle()
    const radios = () => $$('[role=radio]')
    key(radios()[0]!, 'ArrowRight')
    key(root().activeElement!, 'ArrowRight')
    await settle()
    expect(root().activeElement).toBe(radios()[2])
    expect(radios()[2]!.getAttribute('aria-checked')).toBe('true')
    expect(radios().filter((r) => r.tabIndex === 0)).toEqual([radios()[2]])
    key(root().activeElement!, 'ArrowLeft')
    key(root().activeElement!, 'ArrowLeft')
    key(root().activeElement!, 'ArrowLeft') // wraps to 10
    await settle()
    expect(root().activeElement).toBe(radios()[10])
    key(root().activeElement!, 'Home')
    await settle()
    expect(root().activeElement).toBe(radios()[0])
    expect(api.answers).toEqual([])
  })

  it('selecting a score answers through api.answer and shows the next question', async () => {
    const api = candor.present(nps)
    await settle()
    $$('[role=radio]')[9]!.click() // what Enter/Space do on a focused button
    await settle()
    expect(api.answers).toEqual([{ questionId: 'score', value: 9 }])
    expect($('h2')!.textContent).toBe('Why?')
    expect(root().activeElement).toBe($('input'))
  })

  it('follows the question id api.answer returns (branching is the SDK’s)', async () => {
    const api = candor.present(nps, { route: () => 'end' })
    await settle()
    $$('[role=radio]')[10]!.click()
    await settle()
    expect(api.answers).toHaveLength(1)
    expect($('h2')!.textContent).toBe('Merci beaucoup')
  })

  it('ends with a thank-you announced in a live region, focus kept in the dialog', async () => {
    const api = candor.present(nps)
    await settle()
    $$('[role=radio]')[3]!.click()
    await settle()
    const input = $<HTMLInputElement>('input')!
    input.value = 'Faster exports'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    $<HTMLButtonElement>('button[type=submit]')!.click()
    await settle()
    expect(api.answers[1]).toEqual({ questionId: 'why', value: 'Faster exports' })
    expect($('[role=dialog] h2')!.textContent).toBe('Merci beaucoup')
    const live = $('[role=status]')!
    expect(live.getAttribute('aria-live')).toBe('polite')
    expect(live.closest('[role=dialog]')).toBeNull()
    expect(live.textContent).toBe('Merci beaucoup It helps.')
    expect(root().activeElement).toBe($('[role=dialog] h2'))
    // Closing after the end is not a dismissal.
    $<HTMLButtonElement>('.x')!.click()
    await settle()
    expect(api.dismissed).toBe(0)
    expect($('[role=dialog]')).toBeNull()
  })

  it('a required question shows an error instead of answering empty', async () => {
    const api = candor.present(nps)
    await settle()
    $<HTMLButtonElement>('button[type=submit]')!.click()
    await settle()
    expect($('[role=alert]')!.textContent).toBe('Please answer this question.')
    expect(api.answers).toEqual([])
  })

  it('Escape dismisses and returns focus to where it was', async () => {
    const before = document.getElementById('page-btn')!
    before.focus()
    const api = candor.present(nps)
    await settle()
    expect(document.activeElement).not.toBe(before)
    key(root().activeElement!, 'Escape')
    await settle()
    expect(api.dismissed).toBe(1)
    expect($('[role=dialog]')).toBeNull()
    expect(document.activeElement).toBe(before)
  })

  it('traps Tab inside the dialog', async () => {
    candor.present(nps)
    await settle()
    const close = $<HTMLButtonElement>('.x')!
    const next = $<HTMLButtonElement>('button[type=submit]')!
    next.focus()
    key(next, 'Tab')
    expect(root().activeElement).toBe(close)
    key(close, 'Tab', { shiftKey: true })
    expect(root().activeElement).toBe(next)
  })

  it('renders survey text as text: markup in a title stays inert', async () => {
    candor.present(survey([{ id: 'q', type: 'nps', title: '<img src=x onerror=alert(1)>' }]))
    await settle()
    expect($('img')).toBeNull()
    expect($('h2')!.textContent).toBe('<img src=x onerror=alert(1)>')
  })

  it('cleanup removes the host, the handler and every rendered node', async () => {
    candor.present(nps)
    await settle()
    cleanup()
    expect(document.querySelector('candor-widget')).toBeNull()
    expect(candor.handlers.size).toBe(0)
    cleanup = () => {}
  })

  it('cleanup dismisses a survey still open, so the SDK can show surveys to the next mount', async () => {
    const api = candor.present(nps)
    await settle()
    cleanup()
    expect(api.dismissed).toBe(1)
    expect(api.answers).toEqual([])
    cleanup = () => {}
  })

  it('never throws into the host: a broken SDK object gives a no-op cleanup and a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const broken = {
      ...candor,
      on() {
        throw new Error('boom')
      },
    }
    let off: (() => void) | undefined
    expect(() => {
      off = mountWidget(broken)
    }).not.toThrow()
    expect(() => off!()).not.toThrow()
    expect(warn).toHaveBeenCalledOnce()
    expect(document.querySelectorAll('candor-widget')).toHaveLength(1) // only beforeEach's
    warn.mockRestore()
  })

  it('an api.answer that throws ends the survey instead of breaking the page', async () => {
    const api = candor.present(nps)
    api.answer = () => {
      throw new Error('sdk bug')
    }
    await settle()
    $$('[role=radio]')[5]!.click()
    await settle()
    expect($('[role=dialog] h2')!.textContent).toBe('Merci beaucoup')
  })

  it('the thank-you closes by itself after 6 s, without a dismissal', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const micro = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve()
    }
    try {
      const api = candor.present(nps, { route: () => 'end' })
      await micro()
      $$('[role=radio]')[10]!.click()
      await micro()
      expect($('[role=dialog]')).not.toBeNull()
      vi.advanceTimersByTime(5900)
      await micro()
      expect($('[role=dialog]')).not.toBeNull()
      vi.advanceTimersByTime(200)
      await micro()
      expect($('[role=dialog]')).toBeNull()
      expect(api.dismissed).toBe(0)
      expect($('[role=status]')!.textContent).toBe('Merci beaucoup It helps.')
    } finally {
      vi.useRealTimers()
    }
  })
})
