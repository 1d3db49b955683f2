/**
 * A scale (NPS, rating, CSAT, CES, the feedback form's stars) as an ARIA radio group with a roving
 * tabindex. Arrow keys / Home / End move and check (the APG radio pattern) through `onMove`;
 * Enter, Space or a click select through `onSelect`, which may submit: so arrowing through the
 * scale never answers by accident.
 */
import type { Strings } from '../types'
import { useState } from '../ui/hooks'

const FACES = ['😞', '🙁', '😐', '🙂', '😄']

export interface ScaleProps {
  min: number
  max: number
  display?: 'number' | 'star' | 'emoji'
  value: number | undefined
  labelledBy: string
  low?: string | undefined
  high?: string | undefined
  s: Strings
  onSelect(n: number): void
  onMove(n: number): void
}

export function Scale({
  min,
  max,
  display = 'number',
  value,
  labelledBy,
  low,
  high,
  s,
  onSelect,
  onMove,
}: ScaleProps) {
  const n = max - min + 1
  const [focus, setFocus] = useState(value === undefined ? 0 : value - min)
  const label = (v: number) => s.of.replace('{n}', `${v}`).replace('{max}', `${max}`)
  const onKeyDown = (e: KeyboardEvent) => {
    const group = e.currentTarget as HTMLElement
    // Arrow keys follow the visual order, which flips in right-to-left layouts.
    const rtl = !!group.closest('[dir=rtl]')
    const step: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: 1,
      ArrowUp: -1,
    }
    let i = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : step[e.key]
    if (i === undefined) return
    e.preventDefault()
    // From the focused button, not state: two quick keys may come before a re-render.
    if (e.key in step) i = ([...group.children].indexOf(e.target as Element) + i + n) % n
    setFocus(i)
    onMove(i + min)
    ;(group.children[i] as HTMLElement).focus()
  }
  return (
    <div>
      <div
        class={`sc ${display}`}
        role="radiogroup"
        aria-labelledby={labelledBy}
        aria-describedby={low || high ? `${labelledBy}-lh` : undefined}
        onKeyDown={onKeyDown}
      >
        {Array.from({ length: n }, (_, i) => {
          const v = i + min
          return (
            // biome-ignore lint/a11y/useSemanticElements: native radios check and fire change on every arrow key; this group must move without answering
            <button
              type="button"
              role="radio"
              aria-checked={v === value}
              aria-label={display === 'number' ? undefined : label(v)}
              tabIndex={i === focus ? 0 : -1}
              class={display === 'star' && value !== undefined && v <= value ? 'on' : undefined}
              onClick={() => {
                setFocus(i)
                onSelect(v)
              }}
            >
              {display === 'star'
                ? '★'
                : display === 'emoji'
                  ? FACES[Math.round((i * 4) / (n - 1))]
                  : v}
            </button>
          )
        })}
      </div>
      {(low || high) && (
        <div class="lh" id={`${labelledBy}-lh`}>
          <span>{low}</span>
          <span>{high}</span>
        </div>
      )}
    </div>
  )
}
