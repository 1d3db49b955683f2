/**
 * The contract between candor.js (loader) and candor-ui.<hash>.js (UI chunk). They are built
 * separately, so it uses only unmangled names (no `_` prefix) and public @candor/sdk types:
 *   window.candorUI(candor, options, inject) mounts the widget and returns the survey renderer;
 *   `inject` is candor.js's own script injector, so the UI chunk need not carry a copy.
 *   window.candorX[name] is where the UI chunk's own lazy chunks (locales, 'anchor') land.
 * Likewise candor-surveys.<hash>.js (the survey engine) sets window.candorSurveys.
 */
import type { Candor, Survey, SurveyApi, SurveyModule } from '@candor/sdk'
import type { MountOptions } from '../types'
import type { inject } from './inject'

export type ShowSurvey = (survey: Survey, api: SurveyApi) => void
export type CandorUI = (candor: Candor, options: MountOptions, inj: typeof inject) => ShowSurvey

export interface CandorGlobals {
  candorUI?: CandorUI
  candorX?: Record<string, unknown>
  candorSurveys?: SurveyModule
}
