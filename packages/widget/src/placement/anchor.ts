/** Anchored placement with floating-ui: its own chunk, loaded only when a survey names an anchor. */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom'
import type { AnchorFn } from '../types'

const anchor: AnchorFn = (reference, floating) =>
  autoUpdate(reference, floating, () => {
    computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom',
      middleware: [offset(8), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      // CSSOM property writes, not a style attribute string: allowed under a strict CSP.
      floating.style.left = `${x}px`
      floating.style.top = `${y}px`
    })
  })

export default anchor
