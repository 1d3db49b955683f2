/**
 * The script-tag bootstrap (see loader.ts): reads its <script> tag's data-* attributes
 * (project-key, endpoint, launcher="true", theme="light|dark|system"), creates
 * the SDK, swaps the `window.candor` stub for the real command function and replays the queue,
 * and fetches the UI chunk only when a survey is about to show or the launcher is on.
 */
import type { Candor, CandorOptions, SurveyModule } from '@candor/sdk'
import type { CandorGlobals, Load, ShowSurvey } from './contract'
import { inject } from './inject'

type Args = [name: string, ...args: unknown[]]
type CommandFn = ((...args: Args) => unknown) & { q?: ArrayLike<unknown>[]; ready?: boolean }

const METHODS: Record<string, keyof Candor> = {
  consent: 'setConsent',
  track: 'track',
  identify: 'identify',
  attributes: 'setAttributes',
  feedback: 'feedback',
  show: 'show',
  flush: 'flush',
  locale: 'setLocale',
  reset: 'reset',
}

const NO_UI = 'the UI could not be loaded'
const warn = (m: unknown) => console.warn('candor:', m)

/** Creates the SDK; `loadSurveys` fetches the survey engine chunk (createCandorLazy's loader). */
export type Create = (options: CandorOptions, loadSurveys: () => Promise<SurveyModule>) => Candor

export function boot(create: Create): void {
  const w = window as unknown as CandorGlobals & { candor?: CommandFn }
  const d = document
  const stub = w.candor
  if (stub?.ready) return // the tag is on the page twice
  const tag = (d.currentScript ||
    d.querySelector('script[src$="/candor.js"]')) as HTMLScriptElement | null
  if (!tag) return
  const data = tag.dataset
  const endpoint = (data.endpoint || new URL(tag.src).origin).replace(/\/$/, '')
  const launcher = data.launcher === 'true'
  const nonce = tag.nonce
  // Every chunk is served from the endpoint; the UI chunk loads its own through this too.
  const load: Load = (file, integrity) => inject(`${endpoint}/${file}`, integrity, nonce)
  let candor: Candor
  try {
    candor = create({ endpoint, projectKey: data.projectKey || '' }, () =>
      load(__CANDOR_SURVEYS_FILE__, __CANDOR_SURVEYS_SRI__).then(() => w.candorSurveys!),
    )
  } catch (e) {
    warn(e)
    return
  }
  let locale: string | undefined
  let ui: Promise<ShowSurvey> | undefined
  const loadUI = () =>
    (ui ||= load(__CANDOR_UI_FILE__, __CANDOR_UI_SRI__).then(
      () =>
        w.candorUI!(
          candor,
          {
            launcher,
            nonce,
            locale,
            theme: { mode: data.theme as 'light' | 'dark' | undefined },
          },
          inject,
        ),
      (e) => {
        ui = undefined // a later survey tries again
        throw e
      },
    ))
  candor.on('survey', (survey, api) => {
    const render = (retried?: boolean) =>
      loadUI().then(
        (show) => show(survey, api),
        () => {
          // Offline before the chunk was ever cached: show it once the network is back.
          if (!retried && navigator.onLine === false)
            addEventListener('online', () => render(true), { once: true })
          else {
            warn(NO_UI)
            api.dismiss() // frees the engine to show something later
          }
        },
      )
    render()
  })
  if (launcher) loadUI().catch(() => warn(NO_UI))

  const run = (...[name, ...args]: Args) => {
    const method = METHODS[name]
    if (!method) {
      warn(`unknown command "${name}"`)
      return
    }
    if (name === 'locale') locale = args[0] as string
    try {
      return (candor[method] as (...a: unknown[]) => unknown)(...args)
    } catch (e) {
      warn(e)
    }
  }
  const fn: CommandFn = run
  fn.ready = true
  w.candor = fn
  for (const call of stub?.q || []) run(...(Array.from(call) as Args))
}
