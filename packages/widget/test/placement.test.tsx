// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import en from '../src/i18n/en'
import { createWidget } from '../src/mount'
import type { Need } from '../src/types'
import { fakeCandor, settle, survey } from './fake-candor'
import { $ } from './helpers'

let destroy = () => {}
afterEach(() => destroy())

const q = [{ id: 'q', type: 'nps' as const, title: 'NPS' }]

function setup() {
  const candor = fakeCandor()
  const stop = vi.fn()
  const place = vi.fn((_ref: Element, _floating: HTMLElement) => stop)
  const need = vi.fn((name: string) =>
    Promise.resolve(name === 'anchor' ? place : en),
  ) as unknown as Need & ReturnType<typeof vi.fn>
  const widget = createWidget(candor, {}, need)
  candor.on('survey', widget.show)
  destroy = widget.destroy
  return { candor, need, place, stop, widget }
}

describe('placement', () => {
  it.each(['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const)(
    '%s is a CSS class; floating-ui is not loaded',
    async (placement) => {
      const { candor, need } = setup()
      candor.present(survey(q, { appearance: { placement } }))
      await settle()
      expect($('[role=dialog]')!.classList.contains(placement)).toBe(true)
      expect($('.bk') !== null).toBe(placement === 'center')
      expect(need).not.toHaveBeenCalledWith('anchor')
    },
  )

  it('defaults to bottom-right', async () => {
    const { candor } = setup()
    candor.present(survey(q))
    await settle()
    expect($('[role=dialog]')!.className).toBe('d bottom-right')
  })

  it('an anchor loads floating-ui and positions next to the element; cleanup on unmount', async () => {
    document.body.innerHTML = '<button id="export">Export</button>'
    const { candor, need, place, stop } = setup()
    candor.present(survey(q, { appearance: { anchor: '#export' } }))
    await settle()
    expect(need).toHaveBeenCalledWith('anchor')
    expect(place).toHaveBeenCalledWith(document.getElementById('export'), $('[role=dialog]'))
    expect($('[role=dialog]')!.classList.contains('an')).toBe(true)
    destroy()
    expect(stop).toHaveBeenCalledOnce()
    destroy = () => {}
  })

  it('a missing or invalid anchor falls back to the placement', async () => {
    const { candor, need } = setup()
    candor.present(survey(q, { appearance: { anchor: '#nope', placement: 'top-left' } }))
    await settle()
    expect($('[role=dialog]')!.className).toBe('d top-left')
    destroy()
    const second = setup()
    second.candor.present(survey(q, { appearance: { anchor: '[[[' } }))
    await settle()
    expect($('[role=dialog]')!.className).toBe('d bottom-right')
    expect(need).not.toHaveBeenCalledWith('anchor')
  })
})
