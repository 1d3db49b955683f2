/** candor.js: the script-tag entry (IIFE). Everything it does is in boot.ts, so tests can run it.
 * The survey engine is not bundled: createCandorLazy loads candor-surveys.<hash>.js on demand. */
import { createCandorLazy } from '@candor/sdk'
import { boot } from './boot'

boot(createCandorLazy)
