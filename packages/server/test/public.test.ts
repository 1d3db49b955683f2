import { publicSuite } from './public.suite.js'

publicSuite()
