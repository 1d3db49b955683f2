/** candor.js: the script-tag entry (IIFE). Everything it does is in boot.ts, so tests can run it.
 * The SDK core (candor-core.<hash>.js) and the survey engine are chunks it loads on demand. */
import { boot } from './boot'

boot()
