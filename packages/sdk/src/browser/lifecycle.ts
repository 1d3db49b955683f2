/** Page lifecycle signals: back online, and the page hiding or going away (the last chance to
 * send; a hidden page may be discarded without any further event). */
import type { Lifecycle } from '../ports'

export const pageLifecycle: Lifecycle = (on) => {
  const d = document
  const online = () => on.online()
  const hidden = () => on.hidden()
  const vis = () => {
    if (d.visibilityState === 'hidden') hidden()
  }
  addEventListener('online', online)
  addEventListener('pagehide', hidden)
  d.addEventListener('visibilitychange', vis)
  return () => {
    removeEventListener('online', online)
    removeEventListener('pagehide', hidden)
    d.removeEventListener('visibilitychange', vis)
  }
}
