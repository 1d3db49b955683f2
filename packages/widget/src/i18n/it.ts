/** Italian UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'Chiudi',
  next: 'Avanti',
  submit: 'Invia',
  required: 'Rispondi a questa domanda.',
  other: 'Altro',
  otherText: 'Specifica',
  thanks: 'Grazie!',
  saved: 'Salvato. Verrà inviato quando tornerai online.',
  feedback: 'Feedback',
  category: 'Categoria',
  bug: 'Bug',
  idea: 'Idea',
  message: 'Il tuo messaggio',
  rating: 'La tua valutazione (facoltativa)',
  send: 'Invia',
  npsLow: 'Poco probabile',
  npsHigh: 'Molto probabile',
  csatLow: 'Molto insoddisfatto',
  csatHigh: 'Molto soddisfatto',
  cesLow: 'Molto difficile',
  cesHigh: 'Molto facile',
  of: '{n} su {max}',
} satisfies Strings
