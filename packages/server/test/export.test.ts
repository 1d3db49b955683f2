import { exportSuite } from './export.suite.js'

exportSuite()
