/**
 * Headless Candor: the SDK alone, with this page's own consent choice and survey UI. Consent
 * is the page's to remember (the SDK keeps nothing while it is pending).
 */
import { type Consent, createCandor } from '@candor/sdk'
import { renderSurvey } from './survey-form'
import './styles.css'

const CONSENT_KEY = 'headless-example:candor-consent'
const saved = (() => {
  try {
    return localStorage.getItem(CONSENT_KEY) as Consent | null
  } catch {
    return null
  }
})()

const candor = createCandor({
  endpoint: import.meta.env.VITE_CANDOR_ENDPOINT || 'http://localhost:8787',
  projectKey: import.meta.env.VITE_CANDOR_PROJECT_KEY || 'pk_REPLACE_ME',
  consent: saved ?? 'pending',
})

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!
const status = $('#status')
const slot = $('#survey-slot')
const download = $<HTMLButtonElement>('#download')

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=consent]')) {
  radio.checked = radio.value === saved
  radio.addEventListener('change', () => {
    const choice = radio.value as Consent
    candor.setConsent(choice)
    try {
      localStorage.setItem(CONSENT_KEY, choice)
    } catch {
      // Storage blocked: the choice holds for this visit only.
    }
  })
}

download.addEventListener('click', () => {
  candor.track('csv_downloaded', { rows: 120 })
  status.textContent = 'report.csv downloaded.'
})

// Every survey the SDK decides to show comes here; one at a time.
let closeSurvey: (() => void) | undefined
candor.on('survey', (survey, api) => {
  closeSurvey?.()
  closeSurvey = renderSurvey(slot, survey, api, () => {
    closeSurvey = undefined
  })
  status.textContent = `A short survey appeared: ${survey.name}.`
})
// When the survey closes with focus inside it, give focus back to where the user was.
slot.addEventListener('survey-closed', () => download.focus())
