/** Public option types of @candor/widget, and the internal seams between the UI and its loaders. */
import type en from './i18n/en'

/** Colours are any CSS colour; `radius` a CSS length; `font` a CSS font-family list. */
export interface Theme {
  /** Buttons and selected answers (`--candor-accent`). */
  accent?: string
  /** Card background (`--candor-background`). */
  background?: string
  /** Text colour (`--candor-text`). */
  text?: string
  /** Corner radius of the card and controls (`--candor-radius`). */
  radius?: string
  /** Font family list (`--candor-font`). */
  font?: string
  /** `system` (default) follows prefers-color-scheme. */
  mode?: 'light' | 'dark' | 'system'
}

/** Options of `mountWidget`. */
export interface MountOptions {
  /** Show the "Feedback" launcher tab that opens a free-feedback form. */
  launcher?: boolean
  /** Colours, radius and font (CSS custom properties on the shadow host). */
  theme?: Theme
  /** Only used where constructable stylesheets are missing: the fallback <style> gets it. */
  nonce?: string
  /** UI language for the launcher form (surveys use the locale the SDK chose for them). */
  locale?: string
  /** Where the widget's host element goes (default: document.body). */
  container?: HTMLElement
}

export type Strings = typeof en

/** Positions `floating` next to `reference` and keeps it there; returns the cleanup. */
export type AnchorFn = (reference: Element, floating: HTMLElement) => () => void

/**
 * Loads what is not in the main UI bundle: a locale's strings (by language code) or the
 * floating-ui anchor ('anchor'). The npm build uses import(); the script-tag chunk injects
 * hashed, SRI-checked scripts.
 */
export type Need = {
  (name: 'anchor'): Promise<AnchorFn>
  (name: string): Promise<Strings>
}
