/**
 * The contract between candor.js (loader) and candor-ui.<hash>.js (UI chunk). They are built
 * separately, so it uses only unmangled names (no `_` prefix) and public @candor/sdk types:
 *   window.candorUI(candor, options, load) mounts the widget and returns the survey renderer;
 *   `load` is candor.js's own loader (injects a file from where the chunks are served, with SRI
 *   and the tag's nonce), so the UI chunk need not carry a copy.
 *   window.candorX[name] is where the UI chunk's own lazy chunks (locales, 'anchor') land.
 * Likewise candor-surveys.<hash>.js (the survey engine) sets window.candorSurveys.
 */
import type { Candor, Survey, SurveyApi, SurveyModule } from '@candor/sdk'
import type { MountOptions } from '../types'

export type ShowSurvey = (survey: Survey, api: SurveyApi) => void
/** Injects `file` (a name in the dist folder) with SRI `integrity`; resolves once it has run. */
export type Load = (file: string, integrity: string) => Promise<void>
export type CandorUI = (candor: Candor, options: MountOptions, load: Load) => ShowSurvey

export interface CandorGlobals {
  candorUI?: CandorUI
  candorX?: Record<string, unknown>
  candorSurveys?: SurveyModule
}
