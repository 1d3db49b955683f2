import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { runExport } from '../src/cli/export.js'
import { pushSurveys } from '../src/cli/surveys-push.js'
import { seedDemo } from '../src/seed.js'
import { openSqliteStore } from '../src/store/sqlite.js'

const survey = (id: string, extra: object = {}) => ({
  id,
  name: `Survey ${id}`,
  status: 'active',
  questions: [{ id: 'score', type: 'nps', title: 'Recommend?' }],
  ...extra,
})

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-cli-'))
  const dbPath = join(dir, 'candor.db')
  const store = await openSqliteStore(dbPath)
  const { project } = await seedDemo(store)
  await store.close()
  const write = (name: string, json: unknown) => {
    const file = join(dir, name)
    writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json))
    return file
  }
  const io = { outText: '', errText: '' }
  const capture = {
    out: (t: string) => {
      io.outText += t
    },
    err: (t: string) => {
      io.errText += t
    },
  }
  return { dir, dbPath, project: project!, write, io, capture }
}

describe('candor-server surveys push', () => {
  it('validates every file and upserts the surveys', async () => {
    const s = await setup()
    const a = s.write('a.json', survey('alpha'))
    const b = s.write('b.json', [survey('beta'), survey('nps-demo', { status: 'paused' })])
    expect(await pushSurveys([a, b], { dbPath: s.dbPath }, s.capture)).toBe(0)
    expect(s.io.outText).toContain(`created alpha (active) from ${a}`)
    expect(s.io.outText).toContain(`created beta (active) from ${b}`)
    expect(s.io.outText).toContain(`updated nps-demo (paused) from ${b}`)
    const store = await openSqliteStore(s.dbPath)
    const ids = (await store.listSurveys(s.project.id)).map(
      (x) => `${x.survey.id}:${x.survey.status}`,
    )
    expect(ids.sort()).toEqual(['alpha:active', 'beta:active', 'nps-demo:paused'])
    await store.close()
  })

  it('reports problems with file and path, and writes nothing', async () => {
    const s = await setup()
    const good = s.write('good.json', survey('gamma'))
    const bad = s.write('bad.json', [
      survey('ok-one'),
      survey('dupq', {
        questions: [
          { id: 'a', type: 'nps', title: 'A' },
          { id: 'a', type: 'text', title: '' },
        ],
      }),
    ])
    const broken = s.write('broken.json', '{ not json')
    const missing = join(s.dir, 'missing.json')
    const code = await pushSurveys([good, bad, broken, missing], { dbPath: s.dbPath }, s.capture)
    expect(code).toBe(1)
    const lines = s.io.errText.trim().split('\n')
    expect(lines).toContain(
      `${bad}: [1]: questions.1.title: Too small: expected string to have >=1 characters`,
    )
    expect(lines).toContain(`${bad}: [1]: questions.1.id: duplicate question id "a"`)
    expect(lines.some((l) => l.startsWith(`${broken}: `))).toBe(true)
    expect(lines).toContain(`${missing}: file not found`)
    expect(lines.at(-1)).toBe('4 problem(s); nothing was pushed')
    const store = await openSqliteStore(s.dbPath)
    expect((await store.listSurveys(s.project.id)).map((x) => x.survey.id)).toEqual(['nps-demo'])
    await store.close()
  })
})

describe('candor-server surveys push --url', () => {
  it('pushes through the admin API of a running server', async () => {
    const s = await setup()
    const { serve } = await import('../src/serve.js')
    const server = await serve({
      port: 0,
      dbPath: join(s.dir, 'remote.db'),
      adminToken: 'remote-token',
    })
    try {
      const file = s.write('remote.json', survey('remote-one'))
      const env = { CANDOR_ADMIN_TOKEN: 'remote-token' }
      const args = ['--url', server.url, '--project', server.demo!.projectId, file]
      expect(await pushSurveys(args, { dbPath: s.dbPath }, s.capture, env)).toBe(0)
      expect(s.io.outText).toContain(`created remote-one (active) from ${file}`)
      expect(await pushSurveys(args, { dbPath: s.dbPath }, s.capture, env)).toBe(0)
      expect(s.io.outText).toContain(`updated remote-one (active) from ${file}`)
      const wrong = await pushSurveys(args, { dbPath: s.dbPath }, s.capture, {
        CANDOR_ADMIN_TOKEN: 'nope',
      })
      expect(wrong).toBe(1)
      expect(s.io.errText).toContain(
        `${file}: remote-one: server answered 401: admin token is not valid`,
      )
      const stored = await server.store.getSurvey(server.demo!.projectId, 'remote-one')
      expect(stored?.survey.name).toBe('Survey remote-one')
    } finally {
      await server.close()
    }
  })
})

describe('candor-server export', () => {
  it('writes the CSV export to a file', async () => {
    const s = await setup()
    const store = await openSqliteStore(s.dbPath)
    await store.ingest(s.project.id, [
      {
        event: {
          id: 'ev-cli-0001',
          type: 'response',
          time: 1000,
          installId: 'install-cli',
          surveyId: 'nps-demo',
          responseId: 'resp-cli-01',
          answers: { score: 7, why: 'a, "b"\nc' },
          finished: true,
        },
        time: 1000,
        receivedAt: 1000,
      },
    ])
    await store.close()
    const out = join(s.dir, 'out.csv')
    expect(await runExport(['--out', out], { dbPath: s.dbPath }, process.stdout)).toBe(0)
    const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), {
      bom: true,
      columns: true,
    })
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'resp-cli-01',
        'answers.score': '7',
        'answers.why': 'a, "b"\nc',
      }),
    ])
  })
})

describe('candor-server migrate', () => {
  it('applies migrations to a new database and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-migrate-'))
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
    const res = spawnSync(tsx, [cli, 'migrate'], {
      env: { ...process.env, CANDOR_DB_PATH: join(dir, 'db', 'c.db') },
      encoding: 'utf8',
    })
    expect(res.stderr).toBe('')
    expect(res.stdout).toBe('migrations applied (sqlite)\n')
    expect(res.status).toBe(0)
    const bad = spawnSync(tsx, [cli, 'frobnicate'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/unknown command: frobnicate/)
  })
})
