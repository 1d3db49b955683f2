/** Dutch UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'Sluiten',
  next: 'Volgende',
  submit: 'Verzenden',
  required: 'Beantwoord deze vraag.',
  other: 'Anders',
  otherText: 'Geef een toelichting',
  thanks: 'Bedankt!',
  saved: 'Opgeslagen. Wordt verzonden zodra je weer online bent.',
  feedback: 'Feedback',
  category: 'Categorie',
  bug: 'Fout',
  idea: 'Idee',
  message: 'Je bericht',
  rating: 'Je beoordeling (optioneel)',
  send: 'Verzenden',
  npsLow: 'Niet waarschijnlijk',
  npsHigh: 'Zeer waarschijnlijk',
  csatLow: 'Zeer ontevreden',
  csatHigh: 'Zeer tevreden',
  cesLow: 'Zeer moeilijk',
  cesHigh: 'Zeer makkelijk',
  of: '{n} van {max}',
} satisfies Strings
