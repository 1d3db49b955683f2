/**
 * Mounts the Candor widget while this component is on screen. mountWidget returns its own
 * cleanup, which React runs on unmount (e.g. a route change): the widget's element, its survey
 * subscription and any survey left open are gone with it.
 */
import type { Candor } from '@candor/sdk'
import { mountWidget } from '@candor/widget'
import { useEffect } from 'react'

export function CandorWidget({ candor, launcher = false }: { candor: Candor; launcher?: boolean }) {
  useEffect(
    () => mountWidget(candor, { launcher, theme: { accent: '#3f3fb0' } }),
    [candor, launcher],
  )
  return null
}
