/**
 * candor-core.<hash>.js: the SDK (survey engine included) and the command runner, split out of
 * candor.js so that a page whose visitor has not been asked for consent yet compiles only the
 * few hundred bytes of candor.js. It registers window.candorCore (see contract.ts).
 * The engine is not a chunk of its own: in one file with the core it costs 0.5 KB gzip less
 * than as two, and the core already waits for the first command.
 */
import { createCandor } from '@candor/sdk'
import type { CandorGlobals } from './contract'
import { startCore } from './core'

;(window as unknown as CandorGlobals).candorCore = (tag, load) => startCore(createCandor, tag, load)
