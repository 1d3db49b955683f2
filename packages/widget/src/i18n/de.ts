/** German UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'Schließen',
  next: 'Weiter',
  submit: 'Absenden',
  required: 'Bitte beantworten Sie diese Frage.',
  other: 'Sonstiges',
  otherText: 'Bitte angeben',
  thanks: 'Vielen Dank!',
  saved: 'Gespeichert. Wird gesendet, sobald Sie wieder online sind.',
  feedback: 'Feedback',
  category: 'Kategorie',
  bug: 'Fehler',
  idea: 'Idee',
  message: 'Ihre Nachricht',
  rating: 'Ihre Bewertung (optional)',
  send: 'Senden',
  npsLow: 'Unwahrscheinlich',
  npsHigh: 'Sehr wahrscheinlich',
  csatLow: 'Sehr unzufrieden',
  csatHigh: 'Sehr zufrieden',
  cesLow: 'Sehr schwierig',
  cesHigh: 'Sehr einfach',
  of: '{n} von {max}',
} satisfies Strings
