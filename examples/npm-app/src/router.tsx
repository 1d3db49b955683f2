/** @jsxImportSource react */
/**
 * A history-based router in a few lines, so the example needs no routing library: the path is
 * an external store (popstate + our own navigate event) read with useSyncExternalStore.
 */
import { type MouseEvent, type ReactNode, useSyncExternalStore } from 'react'

const NAVIGATE = 'example-app:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

export const usePath = (): string =>
  useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  )

export function navigate(to: string): void {
  if (to === window.location.pathname) return
  window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE))
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  const current = usePath() === to
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    // Let the browser handle new-tab and download gestures.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} aria-current={current ? 'page' : undefined} onClick={onClick}>
      {children}
    </a>
  )
}
