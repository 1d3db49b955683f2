/**
 * candor-surveys.<hash>.js: the survey engine, split out of candor.js. The loader injects it
 * (with SRI) only once /config has an active survey; it registers window.candorSurveys
 * (see contract.ts).
 */
import { surveyModule } from '@candor/sdk'
import type { CandorGlobals } from './contract'

;(window as unknown as CandorGlobals).candorSurveys = surveyModule
