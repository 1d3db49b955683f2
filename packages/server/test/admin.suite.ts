import { ErrorBody } from '@candor/sdk/schema'
import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, envelope, responseEvent, testApp, trackEvent } from './support/app.js'

const survey = (id: string, extra: object = {}) => ({
  id,
  name: `Survey ${id}`,
  status: 'active',
  questions: [{ id: 'score', type: 'nps', title: 'Recommend us?' }],
  ...extra,
})

/** Runs on whatever store support/app.ts is set to make (SQLite by default). */
export function adminSuite() {
  describe('admin auth', () => {
    it('401s a missing or wrong token and accepts the right one', async () => {
      const t = await testApp()
      const none = await t.fetch('/v1/admin/projects')
      expect(none.status).toBe(401)
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(ErrorBody.parse(await none.json()).error.code).toBe('unauthorized')
      for (const auth of [
        `Bearer ${ADMIN_TOKEN}x`,
        `Bearer ${ADMIN_TOKEN.slice(1)}`,
        ADMIN_TOKEN,
        'Bearer',
      ]) {
        const wrong = await t.fetch('/v1/admin/projects', { headers: { authorization: auth } })
        expect(wrong.status).toBe(401)
      }
      const right = await t.fetch('/v1/admin/projects', {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
      expect(right.status).toBe(200)
      expect(right.headers.get('cache-control')).toBe('no-store')
    })

    it('never stores the token in clear', async () => {
      const store = (await testApp()).store
      const { resolveAdminToken } = await import('../src/admin-token.js')
      const made = await resolveAdminToken(store)
      expect(made.created).toBe(true)
      expect(made.token).toMatch(/^cat_\w{32}$/)
      const again = await resolveAdminToken(store)
      expect(again).toEqual({ hash: made.hash, token: null, created: false })
      expect(made.hash).not.toContain(made.token!)
    })
  })

  describe('projects', () => {
    it('creates (201, DESIGN shape), lists with cursor pagination, gets, updates', async () => {
      const t = await testApp()
      const res = await t.admin('/projects', {
        method: 'POST',
        json: { name: 'Shop', allowedOrigins: ['https://shop.example'] },
      })
      expect(res.status).toBe(201)
      const created = await res.json()
      expect(created).toMatchObject({ name: 'Shop', allowedOrigins: ['https://shop.example'] })
      expect(created.id).toMatch(/^prj_/)
      expect(created.key).toMatch(/^pk_\w{24}$/)
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt)

      for (let i = 0; i < 3; i++)
        await t.admin('/projects', { method: 'POST', json: { name: `P${i}` } })
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const q: string = cursor ? `&cursor=${cursor}` : ''
        const page = await (await t.admin(`/projects?limit=2${q}`)).json()
        expect(page.items.length).toBeLessThanOrEqual(2)
        seen.push(...page.items.map((p: { name: string }) => p.name))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toEqual(['P2', 'P1', 'P0', 'Shop', 'Demo'])

      const got = await (await t.admin(`/projects/${created.id}`)).json()
      expect(got).toEqual(created)
      const patched = await t.admin(`/projects/${created.id}`, {
        method: 'PATCH',
        json: { allowedOrigins: [], settings: { recontactDays: 7 } },
      })
      expect(await patched.json()).toMatchObject({
        allowedOrigins: [],
        settings: { recontactDays: 7 },
      })
      const renamed = await t.admin(`/projects/${created.id}`, {
        method: 'PATCH',
        json: { name: 'Shop 2', settings: {} },
      })
      expect(await renamed.json()).toMatchObject({ name: 'Shop 2', settings: { recontactDays: 7 } })
    })

    it('400s invalid input with the path in the message', async () => {
      const t = await testApp()
      const cases: Array<[unknown, RegExp]> = [
        [{}, /name/],
        [{ name: '' }, /name/],
        [{ name: 'x', allowedOrigins: ['not a url'] }, /allowedOrigins\.0/],
        [{ name: 'x', allowedOrigins: ['https://a.example/path'] }, /allowedOrigins\.0/],
        [{ name: 'x', allowedOrigins: 'https://a.example' }, /allowedOrigins/],
      ]
      for (const [json, message] of cases) {
        const res = await t.admin('/projects', { method: 'POST', json })
        expect(res.status).toBe(400)
        expect((await res.json()).error.message).toMatch(message)
      }
      const bad = await t.admin('/projects', { method: 'POST', body: '{oops' })
      expect(bad.status).toBe(400)
      expect((await t.admin('/projects?limit=0')).status).toBe(400)
      expect((await t.admin('/projects?cursor=garbage')).status).toBe(400)
    })

    it('rotates the key: the old key stops working', async () => {
      const t = await testApp()
      const res = await t.admin(`/projects/${t.demoId}/rotate-key`, { method: 'POST' })
      const rotated = await res.json()
      expect(rotated.key).not.toBe(t.demoKey)
      expect((await t.fetch(`/v1/p/${t.demoKey}/config`)).status).toBe(404)
      expect((await t.fetch(`/v1/p/${rotated.key}/config`)).status).toBe(200)
    })

    it('404s unknown projects', async () => {
      const t = await testApp()
      for (const path of [
        '/projects/prj_none',
        '/projects/prj_none/responses',
        '/projects/prj_none/surveys',
      ])
        expect((await t.admin(path)).status).toBe(404)
    })
  })

  describe('surveys', () => {
    it('creates, reads, lists, replaces, patches and deletes', async () => {
      const t = await testApp()
      const base = `/projects/${t.demoId}/surveys`
      const created = await t.admin(base, { method: 'POST', json: survey('s1') })
      expect(created.status).toBe(201)
      expect(await created.json()).toMatchObject({ id: 's1', status: 'active', triggers: [] })
      expect((await t.admin(base, { method: 'POST', json: survey('s1') })).status).toBe(409)
      const list = await (await t.admin(base)).json()
      expect(list.items.map((s: { id: string }) => s.id)).toEqual(['nps-demo', 's1'])
      expect(list.nextCursor).toBeNull()

      const replaced = await t.admin(`${base}/s1`, {
        method: 'PUT',
        json: survey('s1', { name: 'New' }),
      })
      expect(replaced.status).toBe(200)
      expect((await replaced.json()).name).toBe('New')
      const patched = await t.admin(`${base}/s1`, { method: 'PATCH', json: { status: 'paused' } })
      expect(await patched.json()).toMatchObject({ name: 'New', status: 'paused' })
      expect((await t.admin(`${base}/s1`, { method: 'DELETE' })).status).toBe(204)
      expect((await t.admin(`${base}/s1`)).status).toBe(404)
      expect((await t.admin(`${base}/s1`, { method: 'DELETE' })).status).toBe(404)
    })

    it('validates with the shared schema and says where the problem is', async () => {
      const t = await testApp()
      const base = `/projects/${t.demoId}/surveys`
      const dup = survey('s2', {
        questions: [
          { id: 'a', type: 'nps', title: 'A' },
          { id: 'a', type: 'text', title: 'B' },
        ],
      })
      const res = await t.admin(base, { method: 'POST', json: dup })
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({
        error: { code: 'invalid_survey', message: 'questions.1.id: duplicate question id "a"' },
      })
      const wrongType = await t.admin(base, {
        method: 'POST',
        json: survey('s3', { questions: [{ id: 'a', type: 'slider', title: 'A' }] }),
      })
      expect((await wrongType.json()).error.message).toMatch(/^questions\.0\.type: /)
      const mismatch = await t.admin(`${base}/s4`, { method: 'PUT', json: survey('other') })
      expect((await mismatch.json()).error.message).toMatch(/differs/)
    })
  })

  describe('responses and events', () => {
    it('lists merged responses with filters and cursor pagination', async () => {
      const t = await testApp()
      await t.admin(`/projects/${t.demoId}/surveys`, { method: 'POST', json: survey('other') })
      const day = (d: number) => Date.parse(`2026-01-0${d}T10:00:00Z`)
      const events = [
        responseEvent({ responseId: 'r-jan1-done', time: day(1), finished: true }),
        responseEvent({ responseId: 'r-jan2-open', time: day(2) }),
        responseEvent({ responseId: 'r-jan3-done', time: day(3), finished: true }),
        responseEvent({ responseId: 'r-jan3-other', time: day(3), surveyId: 'other' }),
      ]
      await t.send(t.demoKey, { sentAt: Date.now(), events })
      const ids = async (q: string) =>
        (await (await t.admin(`/projects/${t.demoId}/responses?${q}`)).json()).items.map(
          (r: { id: string }) => r.id,
        )
      expect(await ids('')).toEqual(['r-jan3-other', 'r-jan3-done', 'r-jan2-open', 'r-jan1-done'])
      expect(await ids('surveyId=other')).toEqual(['r-jan3-other'])
      expect(await ids('finished=true')).toEqual(['r-jan3-done', 'r-jan1-done'])
      expect(await ids('finished=false&surveyId=nps-demo')).toEqual(['r-jan2-open'])
      expect(await ids('from=2026-01-02&to=2026-01-03')).toEqual(['r-jan2-open'])
      expect(await ids(`from=${day(3)}`)).toEqual(['r-jan3-other', 'r-jan3-done'])

      const page1 = await (await t.admin(`/projects/${t.demoId}/responses?limit=3`)).json()
      expect(page1.items).toHaveLength(3)
      const page2 = await (
        await t.admin(`/projects/${t.demoId}/responses?limit=3&cursor=${page1.nextCursor}`)
      ).json()
      expect(page2.items.map((r: { id: string }) => r.id)).toEqual(['r-jan1-done'])
      expect(page2.nextCursor).toBeNull()

      for (const q of ['finished=maybe', 'from=yesterday', 'surveyId=a%20b', 'limit=501'])
        expect((await t.admin(`/projects/${t.demoId}/responses?${q}`)).status).toBe(400)
    })

    it('lists usage events and feedback with filters', async () => {
      const t = await testApp()
      const feedback = {
        id: 'fb-00000001',
        type: 'feedback',
        time: Date.now(),
        installId: 'install-0001',
        text: 'Love it',
        rating: 5,
      }
      await t.send(
        t.demoKey,
        envelope([trackEvent({ name: 'export' }), trackEvent({ name: 'open' }), feedback]),
      )
      const list = async (q: string) =>
        (await (await t.admin(`/projects/${t.demoId}/events?${q}`)).json()).items
      expect((await list('')).length).toBe(3)
      expect((await list('type=feedback'))[0]).toMatchObject({
        id: 'fb-00000001',
        data: { text: 'Love it' },
      })
      expect((await list('type=track&name=export')).map((e: { name: string }) => e.name)).toEqual([
        'export',
      ])
      expect((await t.admin(`/projects/${t.demoId}/events?type=bogus`)).status).toBe(400)
    })
  })
}
