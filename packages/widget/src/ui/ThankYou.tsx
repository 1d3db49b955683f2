/** The end of a survey or feedback form: a focusable heading (focus stays in the dialog) and,
 * when offline, a note that the answer is saved and will be sent. */
import { useMount, useRef } from './hooks'

export function ThankYou({
  title,
  body,
  note,
  onClose,
}: {
  title: string
  body?: string | undefined
  note?: string | undefined
  onClose(): void
}) {
  const ref = useRef<HTMLHeadingElement>(null)
  useMount(() => {
    ref.current?.focus()
    // Close by itself after a while; the live region outside the dialog keeps the message.
    const t = setTimeout(onClose, 6000)
    return () => clearTimeout(t)
  })
  return (
    <div>
      <h2 id="qt" tabIndex={-1} ref={ref}>
        {title}
      </h2>
      {body && <p>{body}</p>}
      {note && <p class="ds">{note}</p>}
    </div>
  )
}
