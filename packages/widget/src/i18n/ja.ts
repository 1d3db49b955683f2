/** Japanese UI strings (a chunk of its own: only the needed locale is loaded). */
import type { Strings } from '../types'

export default {
  close: '閉じる',
  next: '次へ',
  submit: '送信',
  required: 'この質問に回答してください。',
  other: 'その他',
  otherText: '具体的に入力してください',
  thanks: 'ありがとうございました！',
  saved: '保存しました。オンラインに戻ると送信されます。',
  feedback: 'フィードバック',
  category: 'カテゴリ',
  bug: '不具合',
  idea: 'アイデア',
  message: 'メッセージ',
  rating: '評価（任意）',
  send: '送信',
  npsLow: '可能性は低い',
  npsHigh: '可能性は高い',
  csatLow: 'とても不満',
  csatHigh: 'とても満足',
  cesLow: 'とても難しい',
  cesHigh: 'とても簡単',
  of: '{max}段階中{n}',
} satisfies Strings
