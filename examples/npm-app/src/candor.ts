/**
 * The app's one Candor client. Consent is the app's to ask for and remember (the SDK keeps
 * nothing while consent is pending), so the choice lives in localStorage and is handed back to
 * the SDK on the next visit.
 */
import { type Consent, createCandor } from '@candor/sdk'

const CONSENT_KEY = 'example-app:candor-consent'
const CHOICES: Consent[] = ['granted', 'feedback-only', 'denied']

export function savedConsent(): Consent {
  try {
    const value = localStorage.getItem(CONSENT_KEY) as Consent | null
    return value && CHOICES.includes(value) ? value : 'pending'
  } catch {
    return 'pending' // storage blocked: ask again
  }
}

export function saveConsent(consent: Consent): void {
  try {
    localStorage.setItem(CONSENT_KEY, consent)
  } catch {
    // Storage blocked: the choice holds for this visit only.
  }
}

export const candor = createCandor({
  endpoint: import.meta.env.VITE_CANDOR_ENDPOINT || 'http://localhost:8787',
  projectKey: import.meta.env.VITE_CANDOR_PROJECT_KEY || 'pk_REPLACE_ME',
  consent: savedConsent(),
})
