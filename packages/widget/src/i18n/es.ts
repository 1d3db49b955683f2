/** Spanish UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'Cerrar',
  next: 'Siguiente',
  submit: 'Enviar',
  required: 'Responde a esta pregunta.',
  other: 'Otro',
  otherText: 'Especifica',
  thanks: '¡Gracias!',
  saved: 'Guardado. Se enviará cuando vuelvas a estar en línea.',
  feedback: 'Comentarios',
  category: 'Categoría',
  bug: 'Error',
  idea: 'Idea',
  message: 'Tu mensaje',
  rating: 'Tu valoración (opcional)',
  send: 'Enviar',
  npsLow: 'Poco probable',
  npsHigh: 'Muy probable',
  csatLow: 'Muy insatisfecho',
  csatHigh: 'Muy satisfecho',
  cesLow: 'Muy difícil',
  cesHigh: 'Muy fácil',
  of: '{n} de {max}',
} satisfies Strings
