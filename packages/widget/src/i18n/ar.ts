/** Arabic UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: 'إغلاق',
  next: 'التالي',
  submit: 'إرسال',
  required: 'يرجى الإجابة عن هذا السؤال.',
  other: 'أخرى',
  otherText: 'يرجى التحديد',
  thanks: 'شكرًا لك!',
  saved: 'تم الحفظ. سيتم الإرسال عند عودتك إلى الاتصال.',
  feedback: 'ملاحظات',
  category: 'الفئة',
  bug: 'خلل',
  idea: 'فكرة',
  message: 'رسالتك',
  rating: 'تقييمك (اختياري)',
  send: 'إرسال',
  npsLow: 'غير محتمل',
  npsHigh: 'محتمل جدًا',
  csatLow: 'غير راضٍ جدًا',
  csatHigh: 'راضٍ جدًا',
  cesLow: 'صعب جدًا',
  cesHigh: 'سهل جدًا',
  of: '{n} من {max}',
} satisfies Strings
