/** @jsxImportSource react */
import type { Candor, Consent } from '@candor/sdk'
import { useEffect, useRef, useState } from 'react'
import { ConsentBanner } from './ConsentBanner'
import { saveConsent } from './candor'
import { Editor } from './pages/Editor'
import { Home } from './pages/Home'
import { Link, usePath } from './router'

const CONSENT_TEXT: Record<Consent, string> = {
  pending: 'not chosen yet',
  granted: 'usage data and surveys',
  'feedback-only': 'surveys only',
  denied: 'nothing',
}

export function App({ candor }: { candor: Candor }) {
  const path = usePath()
  const [consent, setConsent] = useState<Consent>(candor.consent)
  /** null: banner closed; 'asked': shown on first visit; 'reopened': the user asked for it. */
  const [banner, setBanner] = useState<null | 'asked' | 'reopened'>(
    candor.consent === 'pending' ? 'asked' : null,
  )
  const main = useRef<HTMLElement>(null)
  const focusedPath = useRef(path)

  // After a route change (not on the first load), move focus to the new page's heading so
  // screen readers announce it. Comparing paths keeps StrictMode's second effect run a no-op.
  useEffect(() => {
    if (focusedPath.current === path) return
    focusedPath.current = path
    main.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [path])

  const choose = (choice: Exclude<Consent, 'pending'>) => {
    candor.setConsent(choice)
    saveConsent(choice)
    setConsent(choice)
    setBanner(null)
    main.current?.querySelector<HTMLElement>('h1')?.focus()
  }

  return (
    <>
      {banner && <ConsentBanner focus={banner === 'reopened'} onChoose={choose} />}
      <header>
        <nav aria-label="Main">
          <Link to="/">Reports</Link>
          <Link to="/editor">Editor</Link>
        </nav>
      </header>
      <main ref={main}>
        {path === '/editor' ? (
          <Editor candor={candor} />
        ) : path === '/' ? (
          <Home />
        ) : (
          <h1 tabIndex={-1}>Page not found</h1>
        )}
      </main>
      <footer>
        <p>
          Sharing with us: {CONSENT_TEXT[consent]}.{' '}
          <button type="button" className="link" onClick={() => setBanner('reopened')}>
            Privacy choices
          </button>
        </p>
      </footer>
    </>
  )
}
