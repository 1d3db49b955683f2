/** Single and multiple choice with native inputs; "other" adds a text field (answered as the
 * option id "other" plus `${questionId}.other`, as the schema says). Shuffled once per showing. */

import type { Question } from '@candor/sdk/schema'
import type { Strings } from '../types'
import { useState } from '../ui/hooks'

type ChoiceQuestion = Extract<Question, { type: 'single' | 'multi' }>

export interface ChoiceProps {
  q: ChoiceQuestion
  value: string | string[] | undefined
  other: string
  labelledBy: string
  s: Strings
  onChange(value: string | string[]): void
  onOther(text: string): void
}

export function Choice({ q, value, other, labelledBy, s, onChange, onOther }: ChoiceProps) {
  const multi = q.type === 'multi'
  const [options] = useState(() => {
    const o = [...q.options]
    if (q.shuffle)
      for (let i = o.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1))
        ;[o[i], o[j]] = [o[j]!, o[i]!]
      }
    if (q.allowOther) o.push({ id: 'other', label: s.other })
    return o
  })
  const list = Array.isArray(value) ? value : []
  const on = (id: string) => (multi ? list.includes(id) : value === id)
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is group or radiogroup, both named by the title
    <div role={multi ? 'group' : 'radiogroup'} aria-labelledby={labelledBy}>
      {options.map((o) => (
        <label class="op" key={o.id}>
          <input
            type={multi ? 'checkbox' : 'radio'}
            name={q.id}
            checked={on(o.id)}
            onChange={() =>
              onChange(multi ? (on(o.id) ? list.filter((x) => x !== o.id) : [...list, o.id]) : o.id)
            }
          />
          {o.label}
        </label>
      ))}
      {on('other') && (
        <input
          class="in"
          aria-label={s.otherText}
          maxLength={500}
          value={other}
          onInput={(e) => onOther(e.currentTarget.value)}
        />
      )}
    </div>
  )
}
