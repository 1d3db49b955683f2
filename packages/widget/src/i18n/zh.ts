/** Chinese (Simplified) UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: '关闭',
  next: '下一步',
  submit: '提交',
  required: '请回答此问题。',
  other: '其他',
  otherText: '请具体说明',
  thanks: '谢谢！',
  saved: '已保存。恢复联网后将自动发送。',
  feedback: '反馈',
  category: '类别',
  bug: '问题',
  idea: '建议',
  message: '您的留言',
  rating: '您的评分（可选）',
  send: '发送',
  npsLow: '不太可能',
  npsHigh: '非常可能',
  csatLow: '非常不满意',
  csatHigh: '非常满意',
  cesLow: '非常困难',
  cesHigh: '非常容易',
  of: '{n}/{max}',
} satisfies Strings
