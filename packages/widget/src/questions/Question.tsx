/**
 * One survey step: title, the input for its type, a required-answer error and Next/Submit.
 * Scale questions answer as soon as a value is selected; the others on Next (or Enter).
 */

import type { AnswerValue, Question as Q } from '@candor/sdk/schema'
import type { Strings } from '../types'
import { useMount, useRef, useState } from '../ui/hooks'
import { Choice } from './Choice'
import { Scale } from './Scale'

export interface QuestionProps {
  q: Q
  s: Strings
  last: boolean
  onAnswer(value: AnswerValue, extra?: Record<string, AnswerValue>): void
}

// Ranges and default end labels of the fixed scales.
const SCALES = { nps: [0, 10, 'nps'], csat: [1, 5, 'csat'], ces: [1, 7, 'ces'] } as const

/** Only http(s) links and site paths: a `javascript:` URL in a survey stays inert. */
const safeUrl = (url?: string) => (url && /^(https?:\/\/|\/)/i.test(url) ? url : undefined)

export const focusFirst = (el: Element | null | undefined) =>
  el?.querySelector<HTMLElement>('[tabindex="0"],input,textarea,select,a[href],button')?.focus()

export function Question({ q, s, last, onAnswer }: QuestionProps) {
  const [value, setValue] = useState<AnswerValue | undefined>(
    q.type === 'consent' ? false : undefined,
  )
  const [other, setOther] = useState('')
  const [error, setError] = useState(false)
  const ref = useRef<HTMLFormElement>(null)
  // Focus the step's first control, so keyboard and screen reader users start in the right place.
  useMount(() => focusFirst(ref.current?.querySelector('.qi')))
  const set = (v: AnswerValue) => {
    setValue(v)
    setError(false)
  }
  const submit = (v = value) => {
    const empty =
      v === undefined ||
      v === null ||
      (typeof v === 'string' && !v.trim()) ||
      (Array.isArray(v) && !v.length) ||
      (q.type === 'consent' && !v)
    if (empty && q.required) return setError(true)
    const withOther = v === 'other' || (Array.isArray(v) && v.includes('other'))
    onAnswer(
      empty && q.type !== 'consent' ? null : (v as AnswerValue),
      withOther ? { [`${q.id}.other`]: other } : undefined,
    )
  }
  // One dialog at a time, so fixed ids are unique in the shadow root.
  const t = 'qt'
  const scale =
    q.type === 'rating'
      ? // The schema defaults these; a config that skipped parsing still renders.
        ([1, q.scale || 5, ''] as const)
      : SCALES[q.type as keyof typeof SCALES] // undefined for the other types
  const sq = q as Extract<Q, { type: 'nps' | 'rating' | 'csat' | 'ces' }>
  const url = safeUrl((q as { url?: string }).url) // only cta questions have one
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <h2 id={t}>{q.title}</h2>
      {q.description && <p class="ds">{q.description}</p>}
      <div class="qi">
        {scale && (
          <Scale
            min={scale[0]}
            max={scale[1]}
            display={(q.type === 'rating' && q.display) || 'number'}
            value={typeof value === 'number' ? value : undefined}
            labelledBy={t}
            low={sq.lowerLabel ?? (scale[2] && s[`${scale[2]}Low`])}
            high={sq.upperLabel ?? (scale[2] && s[`${scale[2]}High`])}
            s={s}
            onMove={set}
            onSelect={(n) => {
              set(n)
              submit(n)
            }}
          />
        )}
        {(q.type === 'single' || q.type === 'multi') && (
          <Choice
            q={q}
            value={value as string | string[] | undefined}
            other={other}
            labelledBy={t}
            s={s}
            onChange={set}
            onOther={setOther}
          />
        )}
        {q.type === 'text' && <TextInput q={q} value={value} labelledBy={t} onInput={set} />}
        {q.type === 'consent' && (
          <label class="op">
            <input type="checkbox" checked={!!value} onChange={() => set(!value)} />
            {q.label}
          </label>
        )}
        {q.type === 'cta' &&
          (url ? (
            <a
              class="btn"
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              onClick={() => submit(true)}
            >
              {q.buttonLabel}
            </a>
          ) : (
            <button type="button" class="btn" onClick={() => submit(true)}>
              {q.buttonLabel}
            </button>
          ))}
      </div>
      {error && (
        <p class="er" role="alert">
          {s.required}
        </p>
      )}
      <div class="ft">
        <button type="submit" class="btn">
          {last ? s.submit : s.next}
        </button>
      </div>
    </form>
  )
}

function TextInput({
  q,
  value,
  labelledBy,
  onInput,
}: {
  q: Extract<Q, { type: 'text' }>
  value: AnswerValue | undefined
  labelledBy: string
  onInput(v: string): void
}) {
  const Tag = q.multiline ? 'textarea' : 'input'
  const text = typeof value === 'string' ? value : ''
  return (
    <>
      <Tag
        class="in"
        aria-labelledby={labelledBy}
        aria-describedby={q.maxLength ? `${labelledBy}-ct` : undefined}
        maxLength={q.maxLength}
        placeholder={q.placeholder}
        value={text}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {q.maxLength && (
        <span class="ct" id={`${labelledBy}-ct`}>
          {text.length}/{q.maxLength}
        </span>
      )}
    </>
  )
}
