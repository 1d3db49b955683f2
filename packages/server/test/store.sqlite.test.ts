import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../src/store/sqlite.js'
import { storeConformance } from './store.conformance.js'

storeConformance('sqlite (memory)', () => openSqliteStore(':memory:'))
// A file database exercises WAL and the group-commit path on a real file.
storeConformance('sqlite (file)', () =>
  openSqliteStore(join(mkdtempSync(join(tmpdir(), 'candor-store-')), 'candor.db')),
)
