import { summarySuite } from './summary.suite.js'

summarySuite()
