/** Shadow-root queries and events for widget tests. */
export const root = () => document.querySelector('candor-widget')!.shadowRoot!
export const $ = <T extends Element = HTMLElement>(sel: string) => root().querySelector<T>(sel)
export const $$ = <T extends Element = HTMLElement>(sel: string) => [
  ...root().querySelectorAll<T>(sel),
]
export const key = (el: Element, k: string, init: KeyboardEventInit = {}) =>
  el.dispatchEvent(
    new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }),
  )
/** Type into an input or textarea the way preact sees it. */
export const type = (el: HTMLInputElement | HTMLTextAreaElement, text: string) => {
  el.value = text
  el.dispatchEvent(new Event('input', { bubbles: true }))
}
export const check = (el: HTMLInputElement) => el.click()
export const submit = () => $<HTMLButtonElement>('button[type=submit]')!.click()
