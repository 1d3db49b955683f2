/** @jsxImportSource react */
/**
 * The app's own consent banner (CEIP): nothing is stored or sent until the user picks one of
 * the three choices. It is a labelled region placed first in the page, so keyboard users reach
 * it before anything else.
 */
import type { Consent } from '@candor/sdk'
import { useEffect, useRef } from 'react'

type Choice = Exclude<Consent, 'pending'>

const CHOICES: { value: Choice; label: string }[] = [
  { value: 'granted', label: 'Allow usage data and surveys' },
  { value: 'feedback-only', label: 'Surveys only' },
  { value: 'denied', label: 'No, thanks' },
]

export function ConsentBanner({
  focus,
  onChoose,
}: {
  /** Move focus into the banner (when the user reopened it). */
  focus: boolean
  onChoose: (consent: Choice) => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focus) heading.current?.focus()
  }, [focus])
  return (
    <section className="consent" aria-labelledby="consent-title">
      <h2 id="consent-title" ref={heading} tabIndex={-1}>
        Help us improve this app?
      </h2>
      <p>
        With your permission we count which features you use and may ask you a short question now
        and then. No cookies, no personal data, and you can change your mind at any time.
      </p>
      <div className="consent-actions">
        {CHOICES.map((c) => (
          <button key={c.value} type="button" onClick={() => onChoose(c.value)}>
            {c.label}
          </button>
        ))}
      </div>
    </section>
  )
}
