/** French UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'Fermer',
  next: 'Suivant',
  submit: 'Envoyer',
  required: 'Veuillez répondre à cette question.',
  other: 'Autre',
  otherText: 'Veuillez préciser',
  thanks: 'Merci !',
  saved: "Enregistré. L'envoi se fera dès votre retour en ligne.",
  feedback: 'Votre avis',
  category: 'Catégorie',
  bug: 'Bug',
  idea: 'Idée',
  message: 'Votre message',
  rating: 'Votre note (facultatif)',
  send: 'Envoyer',
  npsLow: 'Peu probable',
  npsHigh: 'Très probable',
  csatLow: 'Très insatisfait',
  csatHigh: 'Très satisfait',
  cesLow: 'Très difficile',
  cesHigh: 'Très facile',
  of: '{n} sur {max}',
} satisfies Strings
