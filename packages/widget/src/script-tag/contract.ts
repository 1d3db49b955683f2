/**
 * The contract between the script-tag files. They are built separately, so it uses only
 * unmangled names (no `_` prefix) and public @candor/sdk types:
 *   candor.js (the first script) reads its tag and queues commands; on the first command (or
 *   with the launcher on) it injects candor-core.<hash>.js, which sets window.candorCore, and
 *   calls it with the tag's settings and its own loader; candorCore returns the command runner.
 *   window.candorUI(candor, options, load) mounts the widget and returns the survey renderer.
 *   `load` is candor.js's loader (injects a file from where the chunks are served, with SRI
 *   and the tag's nonce), so no other file carries a copy.
 *   window.candorX[name] is where the UI chunk's own lazy chunks (locales, 'anchor') land.
 */
import type { Candor, Survey, SurveyApi } from '@candor/sdk'
import type { MountOptions } from '../types'

export type ShowSurvey = (survey: Survey, api: SurveyApi) => void
/** Injects `file` (a name in the dist folder) with SRI `integrity`; resolves once it has run. */
export type Load = (file: string, integrity: string) => Promise<void>
export type CandorUI = (candor: Candor, options: MountOptions, load: Load) => ShowSurvey

/** What candor.js read from its <script> tag's data-* attributes. */
export interface TagSettings {
  endpoint: string
  projectKey: string
  launcher: boolean
  nonce?: string
  theme?: string
}
/** Runs one command (`candor('track', …)`): never throws. */
export type Run = (name: string, ...args: unknown[]) => unknown
export type CandorCore = (tag: TagSettings, load: Load) => Run

export interface CandorGlobals {
  candorCore?: CandorCore
  candorUI?: CandorUI
  candorX?: Record<string, unknown>
}
