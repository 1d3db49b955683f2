/**
 * The dialog shell: role=dialog labelled by its heading, Tab trapped inside, Escape closes, and
 * focus goes back to where it was when it closes. Corner/center placement is CSS; an anchor
 * element loads floating-ui on demand.
 */
import type { ComponentChildren } from 'preact'
import type { Need, Strings } from '../types'
import { useMount, useRef, useState } from './hooks'

const PLACES = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center']

/** The focused element, looking through open shadow roots (ours included). */
const deepActive = () => {
  let a = document.activeElement
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement
  return a as HTMLElement | null
}

export interface DialogProps {
  labelledBy: string
  placement?: string | undefined
  anchor?: Element | null | undefined
  need: Need
  s: Strings
  onClose(): void
  children: ComponentChildren
}

export function Dialog({ labelledBy, placement, anchor, need, s, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  // Read during the first render: before any child effect moves focus into the dialog.
  const [prev] = useState(deepActive)
  useMount(() => {
    const host = (ref.current!.getRootNode() as ShadowRoot).host
    return () => {
      // Give focus back unless the user has since put it somewhere else on the page.
      const a = document.activeElement
      if (prev?.isConnected && (!a || a === document.body || a === host)) prev.focus()
    }
  })
  // The anchor cannot change while mounted: mount.tsx keys the Dialog by response id.
  useMount(() => {
    if (!anchor) return
    let stop: (() => void) | undefined
    let gone = false
    need('anchor').then(
      (place) => {
        if (!gone) stop = place(anchor, ref.current!)
      },
      () => {},
    )
    return () => {
      gone = true
      stop?.()
    }
  })
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      onClose()
    } else if (e.key === 'Tab') {
      const all = [
        ...ref.current!.querySelectorAll<HTMLElement>(
          'a[href],button,input,select,textarea,[tabindex]',
        ),
      ].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled)
      const first = all[0]
      const last = all[all.length - 1]
      const i = all.indexOf((ref.current!.getRootNode() as ShadowRoot).activeElement as HTMLElement)
      if (e.shiftKey ? i <= 0 : i < 0 || i === all.length - 1) {
        e.preventDefault()
        ;(e.shiftKey ? last : first)?.focus()
      }
    }
  }
  const place = anchor ? 'an' : PLACES.includes(placement!) ? placement : 'bottom-right'
  return (
    <>
      {place === 'center' && <div class="bk" />}
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        class={`d ${place}`}
        onKeyDown={onKeyDown}
      >
        <button type="button" class="x" aria-label={s.close} onClick={onClose}>
          ×
        </button>
        {children}
      </div>
    </>
  )
}
