/**
 * Renders a survey the SDK hands over (`candor.on('survey')`) with the page's own markup: one
 * question per step in a labelled section, answers saved through `api.answer` at every step
 * (the SDK applies branching and stores each step offline first), `api.dismiss` on "Not now"
 * or Escape. Returns the cleanup that removes it.
 */
import type { Survey, SurveyApi } from '@candor/sdk'
import { questionView } from './questions'

let count = 0

export function renderSurvey(
  slot: HTMLElement,
  survey: Survey,
  api: SurveyApi,
  onClose: () => void,
): () => void {
  const uid = `survey${++count}`
  const section = document.createElement('section')
  section.className = 'survey'
  section.setAttribute('aria-labelledby', `${uid}-title`)
  const title = document.createElement('h2')
  title.id = `${uid}-title`
  title.textContent = survey.name
  const form = document.createElement('form')
  form.noValidate = true // the SDK decides what is required; the error is ours to show
  const step = document.createElement('div')
  const error = document.createElement('p')
  error.id = `${uid}-error`
  error.className = 'error'
  error.setAttribute('role', 'alert')
  const next = document.createElement('button')
  next.type = 'submit'
  const later = document.createElement('button')
  later.type = 'button'
  later.className = 'secondary'
  later.textContent = 'Not now'
  const actions = document.createElement('div')
  actions.className = 'actions'
  actions.append(next, later)
  form.append(step, error, actions)
  section.append(title, form)

  let done = false
  let questionId = api.firstQuestionId
  let view = show(questionId)

  function show(id: string) {
    const q = survey.questions.find((x) => x.id === id)!
    const v = questionView(q, uid)
    step.replaceChildren(v.element)
    error.textContent = ''
    const last = survey.questions.at(-1)?.id === id && !q.logic?.length
    next.textContent = last ? 'Submit' : 'Next'
    return v
  }

  function finish() {
    done = true
    const heading = document.createElement('h3')
    heading.tabIndex = -1
    heading.textContent = survey.thankYou?.title ?? 'Thank you!'
    const close = document.createElement('button')
    close.type = 'button'
    close.textContent = 'Close'
    close.addEventListener('click', remove)
    const body = survey.thankYou?.body ? [paragraph(survey.thankYou.body)] : []
    form.replaceChildren(heading, ...body, close)
    heading.focus()
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const { value, extra } = view.read()
    const to = api.answer(questionId, value, extra)
    if (to === questionId) {
      // Required and blank: the SDK saved nothing; say so where the user is.
      error.textContent = 'Please answer this question.'
      view.invalid(error.id)
      view.focus()
      return
    }
    if (to === 'end') return finish()
    questionId = to
    view = show(to)
    view.focus()
  })
  later.addEventListener('click', remove)
  section.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') remove()
  })

  function remove() {
    if (!done) api.dismiss() // answers given so far are kept
    done = true
    const hadFocus = section.contains(document.activeElement)
    section.remove()
    onClose()
    if (hadFocus) slot.dispatchEvent(new Event('survey-closed', { bubbles: true }))
  }

  slot.append(section)
  return () => {
    if (section.isConnected) remove()
  }
}

function paragraph(text: string) {
  const p = document.createElement('p')
  p.textContent = text
  return p
}
