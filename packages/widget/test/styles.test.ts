// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountWidget } from '../src/index'
import { applyCss, themeCss } from '../src/styles'
import { fakeCandor } from './fake-candor'
import { $, root } from './helpers'

let cleanup = () => {}
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('theme and styles', () => {
  it('theme options become --candor-* custom properties on :host', () => {
    expect(themeCss({ accent: '#e11d48', radius: '4px', font: 'Inter, sans-serif' })).toBe(
      ':host{--candor-accent:#e11d48;--candor-radius:4px;--candor-font:Inter, sans-serif}',
    )
  })

  it('a theme value cannot close the rule and inject CSS', () => {
    expect(themeCss({ accent: 'red;}*{display:none' })).toBe(
      ':host{--candor-accent:red*display:none}',
    )
  })

  it('styles go to adoptedStyleSheets: no <style> element, no style attribute', () => {
    cleanup = mountWidget(fakeCandor(), { theme: { accent: '#0a0' } })
    const sheets = root().adoptedStyleSheets
    expect(sheets).toHaveLength(1)
    const text = [...sheets[0]!.cssRules].map((r) => r.cssText).join('\n')
    expect(text).toContain('--candor-accent')
    expect(root().querySelector('style')).toBeNull()
    expect(root().querySelector('[style]')).toBeNull()
  })

  it('without constructable stylesheets it falls back to <style nonce>', () => {
    vi.stubGlobal('CSSStyleSheet', undefined)
    const div = document.createElement('div')
    const shadow = div.attachShadow({ mode: 'open' })
    applyCss(shadow, '.a{color:red}', 'n0nce')
    const style = shadow.querySelector('style')!
    expect(style.nonce).toBe('n0nce')
    expect(style.textContent).toBe('.a{color:red}')
  })

  it('mode picks light, dark or system (the default) on the wrapper', () => {
    const modeClass = (mode?: 'light' | 'dark' | 'system') => {
      cleanup()
      cleanup = mountWidget(fakeCandor(), mode ? { theme: { mode } } : {})
      return $('.w')!.className
    }
    expect(modeClass()).toBe('w sy')
    expect(modeClass('system')).toBe('w sy')
    expect(modeClass('dark')).toBe('w dk')
    expect(modeClass('light')).toBe('w')
  })

  it('mounts into the given container', () => {
    const box = document.createElement('section')
    document.body.append(box)
    cleanup = mountWidget(fakeCandor(), { container: box })
    expect(box.querySelector('candor-widget')).not.toBeNull()
  })
})
