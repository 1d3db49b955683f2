import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { neutralise } from '../src/export.js'
import { testApp } from './support/app.js'

const tricky = [
  'plain',
  'comma, inside',
  'a "quoted" word',
  'line one\nline two\r\nline three',
  'ünïcödé — 日本語 — emoji 🎉',
  '=HYPERLINK("http://evil.example","click")',
  '+1 cell',
  '-2 cell',
  '@SUM(A1)',
  '',
]

async function seeded() {
  const t = await testApp()
  const events = tricky.map((why, i) => ({
    id: `ev-export-${i.toString().padStart(3, '0')}`,
    type: 'response',
    time: Date.parse('2026-04-01T00:00:00Z') + i,
    installId: `install-${i.toString().padStart(3, '0')}`,
    surveyId: 'nps-demo',
    responseId: `resp-export-${i.toString().padStart(3, '0')}`,
    answers: { score: i, why },
    finished: i % 2 === 0,
  }))
  const sent = await (await t.send(t.demoKey, { sentAt: Date.now(), events })).json()
  expect(sent.accepted).toBe(tricky.length)
  return t
}

/** Runs on whatever store support/app.ts is set to make (SQLite by default). */
export function exportSuite() {
  describe('export', () => {
    it('CSV parsed back by a CSV parser equals the stored rows', async () => {
      const t = await seeded()
      const res = await t.admin(`/projects/${t.demoId}/export?format=csv&surveyId=nps-demo`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="candor-prj_\w+-responses-\d{4}-\d\d-\d\d\.csv"$/,
      )
      const bytes = new Uint8Array(await res.arrayBuffer())
      // A UTF-8 byte order mark, so Excel reads the file as UTF-8.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      const records: Record<string, string>[] = parse(text, { bom: true, columns: true })
      const stored = (await (await t.admin(`/projects/${t.demoId}/responses?limit=500`)).json())
        .items
      expect(records).toHaveLength(stored.length)
      expect(Object.keys(records[0]!)).toEqual([
        'id',
        'surveyId',
        'installId',
        'userId',
        'finished',
        'createdAt',
        'updatedAt',
        'finishedAt',
        'url',
        'locale',
        'attributes',
        'answers.score',
        'answers.why',
      ])
      for (const [i, row] of records.entries()) {
        const s = stored[i]
        expect(row.id).toBe(s.id)
        expect(row.installId).toBe(s.installId)
        expect(row.finished).toBe(String(s.finished))
        expect(row.createdAt).toBe(s.createdAt)
        expect(row.finishedAt).toBe(s.finishedAt ?? '')
        expect(row['answers.score']).toBe(String(s.answers.score))
        // Text survives byte for byte, except formula starters which gain a leading quote.
        expect(row['answers.why']).toBe(neutralise(s.answers.why))
      }
      const why = records.map((r) => r['answers.why'])
      expect(why).toContain('line one\nline two\r\nline three')
      expect(why).toContain('\'=HYPERLINK("http://evil.example","click")')
      expect(why).toContain("'-2 cell")
      expect(why).toContain('ünïcödé — 日本語 — emoji 🎉')
    })

    it('NDJSON has one response per line, equal to the API rows', async () => {
      const t = await seeded()
      const res = await t.admin(`/projects/${t.demoId}/export?format=ndjson`)
      expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
      const lines = (await res.text())
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l))
      const stored = (await (await t.admin(`/projects/${t.demoId}/responses?limit=500`)).json())
        .items
      expect(lines).toEqual(stored)
    })

    it('exports events as CSV, streamed over many pages', async () => {
      const t = await testApp()
      const events = Array.from({ length: 1200 }, (_, i) => ({
        id: `ev-many-${i.toString().padStart(5, '0')}`,
        type: 'track',
        time: Date.now(),
        installId: 'install-many',
        name: 'clicked',
        props: { n: i, label: 'a,"b"' },
      }))
      for (let i = 0; i < events.length; i += 500)
        await t.send(t.demoKey, { sentAt: Date.now(), events: events.slice(i, i + 500) })
      const res = await t.admin(`/projects/${t.demoId}/export?format=csv&type=events&bom=false`)
      const records: Record<string, string>[] = parse(await res.text(), { columns: true })
      expect(records).toHaveLength(1200)
      expect(new Set(records.map((r) => r.id)).size).toBe(1200)
      expect(JSON.parse(records[0]!.data!).props.label).toBe('a,"b"')
    })

    it('400s unknown formats and types', async () => {
      const t = await testApp()
      expect((await t.admin(`/projects/${t.demoId}/export?format=xlsx`)).status).toBe(400)
      expect((await t.admin(`/projects/${t.demoId}/export?type=users`)).status).toBe(400)
    })
  })
}
