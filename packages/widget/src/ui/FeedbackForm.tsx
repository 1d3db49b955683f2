/** The launcher's free-feedback form: category, text (required), optional 1-5 star rating. */

import type { FeedbackInput } from '@candor/sdk'
import { focusFirst } from '../questions/Question'
import { Scale } from '../questions/Scale'
import type { Strings } from '../types'
import { useMount, useRef, useState } from './hooks'

const CATEGORIES = ['idea', 'bug', 'other'] as const

export function FeedbackForm({ s, onSend }: { s: Strings; onSend(input: FeedbackInput): void }) {
  const [category, setCategory] = useState<string>('idea')
  const [text, setText] = useState('')
  const [rating, setRating] = useState<number>()
  const [error, setError] = useState(false)
  const ref = useRef<HTMLFormElement>(null)
  useMount(() => focusFirst(ref.current))
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        if (!text.trim()) return setError(true)
        onSend({ text, category, rating }) // an unset rating stays out of the event JSON
      }}
    >
      <h2 id="qt">{s.feedback}</h2>
      <label class="lb">
        {s.category}
        <select class="in" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {s[c]}
            </option>
          ))}
        </select>
      </label>
      <label class="lb">
        {s.message}
        <textarea
          class="in"
          maxLength={10000}
          aria-invalid={error}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value)
            setError(false)
          }}
        />
      </label>
      {error && (
        <p class="er" role="alert">
          {s.required}
        </p>
      )}
      <span class="lb" id="fr">
        {s.rating}
      </span>
      <Scale
        min={1}
        max={5}
        display="star"
        value={rating}
        labelledBy="fr"
        s={s}
        onSelect={setRating}
        onMove={setRating}
      />
      <div class="ft">
        <button type="submit" class="btn">
          {s.send}
        </button>
      </div>
    </form>
  )
}
