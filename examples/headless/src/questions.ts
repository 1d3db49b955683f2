/**
 * One survey question as plain, accessible DOM: native radios, checkboxes and text fields
 * inside a fieldset with a legend (or a label), so the browser gives keyboard use and names
 * for free. `read()` turns the controls into the answer the SDK expects.
 */
import type { AnswerValue, Survey } from '@candor/sdk'

export type Question = Survey['questions'][number]

export interface QuestionView {
  element: HTMLElement
  /** The answer (null when skipped) and, for an "other" choice, its text. */
  read(): { value: AnswerValue; extra?: Record<string, AnswerValue> }
  /** Mark as invalid (or not) and point at the error message. */
  invalid(errorId: string | null): void
  focus(): void
}

const SCALES: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }

/** `h('label', { for: 'x' }, 'Name')`: a tiny element builder; text is never parsed as HTML. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : v)
  el.append(...children)
  return el
}

export function questionView(q: Question, uid: string): QuestionView {
  const name = `${uid}-${q.id}`
  const descId = `${name}-desc`
  const hints: string[] = []
  const title = [q.title, ...(q.required ? [h('span', { class: 'req' }, ' (required)')] : [])]
  const description = q.description ? h('p', { id: descId, class: 'desc' }, q.description) : null
  if (description) hints.push(descId)

  if (q.type === 'text') {
    const field = q.multiline
      ? h('textarea', { id: name, rows: '3', placeholder: q.placeholder })
      : h('input', { id: name, type: 'text', placeholder: q.placeholder })
    if (q.maxLength) field.maxLength = q.maxLength
    if (q.required) field.required = true
    if (hints.length) field.setAttribute('aria-describedby', hints.join(' '))
    const element = h('div', { class: 'question' }, h('label', { for: name }, ...title))
    if (description) element.append(description)
    element.append(field)
    return {
      element,
      read: () => ({ value: field.value.trim() || null }),
      invalid(errorId) {
        setInvalid([field], errorId, hints)
      },
      focus: () => field.focus(),
    }
  }

  const fieldset = h('fieldset', { class: 'question' }, h('legend', {}, ...title))
  if (description) fieldset.append(description)
  const inputs: HTMLInputElement[] = []
  const choice = (type: 'radio' | 'checkbox', value: string, label: string) => {
    const input = h('input', { type, name, value })
    inputs.push(input)
    return h('label', { class: type === 'radio' ? 'choice' : 'choice box' }, input, ` ${label}`)
  }
  let other: HTMLInputElement | undefined
  let cta = false

  if (q.type === 'nps' || q.type === 'csat' || q.type === 'ces' || q.type === 'rating') {
    const [lo, hi] = q.type === 'rating' ? [1, q.scale] : SCALES[q.type]!
    const row = h('div', { class: 'scale' })
    for (let v = lo; v <= hi; v++) row.append(choice('radio', String(v), String(v)))
    fieldset.append(row)
    if (q.lowerLabel || q.upperLabel) {
      const id = `${name}-ends`
      hints.push(id)
      const ends = [
        q.lowerLabel && `${lo}: ${q.lowerLabel}`,
        q.upperLabel && `${hi}: ${q.upperLabel}`,
      ]
      fieldset.append(h('p', { id, class: 'ends' }, ends.filter(Boolean).join(', ')))
    }
  } else if (q.type === 'single' || q.type === 'multi') {
    const type = q.type === 'single' ? 'radio' : 'checkbox'
    for (const o of q.options) fieldset.append(choice(type, o.id, o.label))
    if (q.allowOther) {
      fieldset.append(choice(type, 'other', 'Other'))
      other = h('input', { type: 'text', 'aria-label': 'Other, please specify', class: 'other' })
      // Typing an "other" answer picks the "Other" choice.
      const pick = inputs.at(-1)!
      other.addEventListener('input', () => {
        if (other!.value) pick.checked = true
      })
      fieldset.append(other)
    }
  } else if (q.type === 'consent') {
    fieldset.append(choice('checkbox', 'yes', q.label))
  } else if (q.type === 'cta') {
    const link = h(
      'a',
      {
        class: 'button',
        href: q.url ?? '#',
        target: q.url ? '_blank' : undefined,
        rel: 'noopener',
      },
      q.buttonLabel,
    )
    link.addEventListener('click', (e) => {
      if (!q.url) e.preventDefault()
      cta = true
      fieldset.closest('form')?.requestSubmit()
    })
    fieldset.append(link)
  }
  if (hints.length) fieldset.setAttribute('aria-describedby', hints.join(' '))

  const read = (): { value: AnswerValue; extra?: Record<string, AnswerValue> } => {
    const checked = inputs.filter((i) => i.checked).map((i) => i.value)
    const extra =
      other && checked.includes('other') && other.value.trim()
        ? { [`${q.id}.other`]: other.value.trim() }
        : undefined
    switch (q.type) {
      case 'single':
        return { value: checked[0] ?? null, extra }
      case 'multi':
        return { value: checked.length ? checked : null, extra }
      case 'consent':
        return { value: checked.length > 0 }
      case 'cta':
        return { value: cta || null }
      default:
        return { value: checked[0] === undefined ? null : Number(checked[0]) }
    }
  }
  return {
    element: fieldset,
    read,
    invalid(errorId) {
      setInvalid(inputs, errorId, []) // the fieldset already points at the hints
    },
    focus: () => (inputs.find((i) => i.checked) ?? inputs[0] ?? fieldset).focus(),
  }
}

function setInvalid(controls: HTMLElement[], errorId: string | null, hints: string[]) {
  for (const c of controls) {
    if (errorId) c.setAttribute('aria-invalid', 'true')
    else c.removeAttribute('aria-invalid')
    const ids = errorId ? [...hints, errorId] : hints
    if (ids.length) c.setAttribute('aria-describedby', ids.join(' '))
    else c.removeAttribute('aria-describedby')
  }
}
