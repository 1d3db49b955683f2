/**
 * The SDK side of the script tag (in candor-core.<hash>.js): creates the SDK from what
 * candor.js read off the tag, runs commands, and fetches the UI chunk only when a survey is
 * about to show or the launcher is on.
 */
import type { Candor, CandorOptions } from '@candor/sdk'
import type { CandorGlobals, Load, Run, ShowSurvey, TagSettings } from './contract'
import { warn } from './warn'

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

export type Create = (options: CandorOptions) => Candor

export function startCore(create: Create, tag: TagSettings, load: Load): Run {
  const w = window as unknown as CandorGlobals
  let candor: Candor
  try {
    candor = create({ endpoint: tag.endpoint, projectKey: tag.projectKey })
  } catch (e) {
    warn(e)
    return () => {}
  }
  let locale: string | undefined
  let ui: Promise<ShowSurvey> | undefined
  const loadUI = () =>
    (ui ||= load(__CANDOR_UI_FILE__, __CANDOR_UI_SRI__).then(
      () =>
        w.candorUI!(
          candor,
          {
            launcher: tag.launcher,
            nonce: tag.nonce,
            locale,
            theme: { mode: tag.theme as 'light' | 'dark' | undefined },
          },
          load,
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
  if (tag.launcher) loadUI().catch(() => warn(NO_UI))

  return (name, ...args) => {
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
}
