/** candor.js: the script-tag entry (IIFE). Everything it does is in boot.ts, so tests can run it. */
import { createCandor } from '@candor/sdk'
import { boot } from './boot'

boot(createCandor)
