/** Portuguese UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'Fechar',
  next: 'Seguinte',
  submit: 'Enviar',
  required: 'Responda a esta pergunta.',
  other: 'Outro',
  otherText: 'Especifique',
  thanks: 'Obrigado!',
  saved: 'Guardado. Será enviado quando voltar a ficar online.',
  feedback: 'Feedback',
  category: 'Categoria',
  bug: 'Erro',
  idea: 'Ideia',
  message: 'A sua mensagem',
  rating: 'A sua avaliação (opcional)',
  send: 'Enviar',
  npsLow: 'Pouco provável',
  npsHigh: 'Muito provável',
  csatLow: 'Muito insatisfeito',
  csatHigh: 'Muito satisfeito',
  cesLow: 'Muito difícil',
  cesHigh: 'Muito fácil',
  of: '{n} de {max}',
} satisfies Strings
