/** Hebrew UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'סגירה',
  next: 'הבא',
  submit: 'שליחה',
  required: 'נא לענות על שאלה זו.',
  other: 'אחר',
  otherText: 'נא לפרט',
  thanks: 'תודה!',
  saved: 'נשמר. יישלח כשתחזרו לרשת.',
  feedback: 'משוב',
  category: 'קטגוריה',
  bug: 'תקלה',
  idea: 'רעיון',
  message: 'ההודעה שלך',
  rating: 'הדירוג שלך (רשות)',
  send: 'שליחה',
  npsLow: 'לא סביר',
  npsHigh: 'סביר מאוד',
  csatLow: 'לא מרוצה בכלל',
  csatHigh: 'מרוצה מאוד',
  cesLow: 'קשה מאוד',
  cesHigh: 'קל מאוד',
  of: '{n} מתוך {max}',
} satisfies Strings
