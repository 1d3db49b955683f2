/**
 * The widget's CSS, applied to its shadow root as constructable stylesheets so a strict CSP
 * (no 'unsafe-inline') allows it; a nonce'd <style> is the fallback where those are missing.
 * Public theming surface: the --candor-* custom properties (see docs/THEMING.md).
 */
import type { Theme } from './types'

// Dark defaults, used by mode "dark" and by "system" when the OS prefers dark.
const dark =
  '--a:var(--candor-accent,#a5b4fc);--o:var(--candor-on-accent,#1e1b4b);--b:var(--candor-background,#111827);--t:var(--candor-text,#f9fafb);--m:var(--candor-muted,#d1d5db);--l:var(--candor-border,#9ca3af);--e:var(--candor-error,#fca5a5)'

// Light defaults all pass WCAG AA on white: text 14.7:1, muted 7.6:1, accent 6.3:1, border 4.8:1.
// One rule per line here, no newlines in the bundle.
export const css =
  ':host{all:initial}' +
  '[hidden]{display:none!important}' +
  '.w{--a:var(--candor-accent,#4f46e5);--o:var(--candor-on-accent,#fff);--b:var(--candor-background,#fff);--t:var(--candor-text,#1f2937);--m:var(--candor-muted,#4b5563);--l:var(--candor-border,#6b7280);--e:var(--candor-error,#b91c1c);font:14px/1.45 var(--candor-font,system-ui,sans-serif);color:var(--t)}' +
  `.dk{${dark}}` +
  `@media(prefers-color-scheme:dark){.sy{${dark}}}` +
  '.d,.ln{position:fixed;z-index:2147483000;box-sizing:border-box;font:inherit}' +
  '.d{width:min(360px,calc(100vw - 32px));max-height:calc(100vh - 32px);overflow:auto;padding:20px;background:var(--b);color:var(--t);border:1px solid var(--l);border-radius:var(--candor-radius,12px);box-shadow:0 8px 30px #0004}' +
  '.bottom-right{bottom:16px;right:16px}.bottom-left{bottom:16px;left:16px}.top-right{top:16px;right:16px}.top-left{top:16px;left:16px}' +
  '.center{top:50%;left:50%;transform:translate(-50%,-50%)}' +
  '.an{top:0;left:0}' +
  '.bk{position:fixed;inset:0;z-index:2147482999;background:#0006}' +
  '@media(prefers-reduced-motion:no-preference){.d{animation:ci .2s ease-out}@keyframes ci{from{opacity:0}}}' +
  'h2{margin:0 0 12px;padding-inline-end:28px;font-size:16px;font-weight:600}' +
  'p{margin:0 0 12px}' +
  '.ds,.lh,.ct{color:var(--m)}' +
  '.x{position:absolute;top:8px;inset-inline-end:8px;width:32px;height:32px;border:0;border-radius:6px;background:none;color:var(--t);font-size:20px;cursor:pointer}' +
  '.sc{display:flex;gap:4px}' +
  '.sc button{flex:1 1 0;min-width:0;min-height:36px;padding:0;border:1px solid var(--l);border-radius:6px;background:var(--b);color:var(--t);font:inherit;cursor:pointer}' +
  '.sc [aria-checked=true]{background:var(--a);border-color:var(--a);color:var(--o)}' +
  '.sc.star button{border:0;font-size:24px;color:var(--m)}' +
  '.sc.star .on{background:none;color:var(--a)}' +
  '.sc.emoji button{font-size:20px}' +
  '.lh{display:flex;justify-content:space-between;gap:8px;margin-top:4px;font-size:12px}' +
  '.op{display:flex;gap:8px;align-items:center;padding:4px 0;cursor:pointer}' +
  '.op input{width:16px;height:16px;margin:0;accent-color:var(--a)}' +
  '.in{display:block;box-sizing:border-box;width:100%;margin-top:4px;padding:8px;border:1px solid var(--l);border-radius:6px;background:var(--b);color:var(--t);font:inherit}' +
  'textarea.in{min-height:80px;resize:vertical}' +
  '.lb{display:block;margin-bottom:12px}' +
  '.ct{display:block;text-align:end;font-size:12px}' +
  '.er{color:var(--e);font-weight:600}' +
  '.ft{display:flex;justify-content:flex-end;gap:8px;margin-top:16px}' +
  '.btn,.ln{display:inline-block;padding:8px 16px;border:0;border-radius:6px;background:var(--a);color:var(--o);font-weight:600;text-decoration:none;cursor:pointer}' +
  '.ln{bottom:16px;inset-inline-end:16px;box-shadow:0 4px 12px #0003}' +
  ':focus-visible{outline:2px solid var(--a);outline-offset:2px}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}'

const THEMED = ['accent', 'background', 'text', 'radius', 'font'] as const

/** Theme options become --candor-* custom properties on :host. Characters that could end the
 * declaration or the rule are dropped, so a theme value cannot inject CSS. */
export const themeCss = (theme: Theme = {}): string =>
  `:host{${THEMED.filter((k) => theme[k])
    .map((k) => `--candor-${k}:${String(theme[k]).replace(/[;{}<>\\]/g, '')}`)
    .join(';')}}`

/** Constructable stylesheets (CSP-safe); a <style nonce> where they are not supported. */
export function applyCss(root: ShadowRoot, text: string, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(text)
    root.adoptedStyleSheets = [sheet]
  } catch {
    const style = document.createElement('style')
    if (nonce) style.nonce = nonce
    style.textContent = text
    root.prepend(style)
  }
}
