import { describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, responseEvent, type TestApp, testApp } from './support/app.js'

const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'

async function login(t: TestApp, token = ADMIN_TOKEN, headers: Record<string, string> = {}) {
  return t.fetch('/dashboard/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  })
}

async function session(t: TestApp): Promise<string> {
  const res = await login(t)
  expect(res.status).toBe(303)
  return /candor_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0]
}

/** Runs on whatever store support/app.ts is set to make (SQLite by default). */
export function dashboardSuite() {
  describe('/dashboard', () => {
    it('shows the login form without a session, under a strict CSP', async () => {
      const t = await testApp()
      const res = await t.fetch('/dashboard')
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toContain('<form class="login card" method="post" action="/dashboard/login">')
      expect(html).toContain('type="password"')
      const csp = res.headers.get('content-security-policy')!
      expect(csp).toContain("script-src 'none'")
      expect(csp).toContain("style-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect((await t.fetch(`/dashboard/p/${t.demoId}`)).status).toBe(401)
    })

    it('logs in with the token in a form body and sets an HttpOnly SameSite=Strict cookie', async () => {
      const t = await testApp()
      const wrong = await login(t, 'nope')
      expect(wrong.status).toBe(401)
      expect(wrong.headers.get('set-cookie')).toBeNull()
      expect(await wrong.text()).toContain('That token is not valid.')

      const res = await login(t)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/dashboard')
      const cookie = res.headers.get('set-cookie')!
      expect(cookie).toMatch(/HttpOnly/)
      expect(cookie).toMatch(/SameSite=Strict/)
      expect(cookie).toMatch(/Path=\/dashboard/)
      expect(cookie).not.toContain(ADMIN_TOKEN)

      const home = await t.fetch('/dashboard', {
        headers: { cookie: /candor_session=[^;]+/.exec(cookie)![0] },
      })
      expect(await home.text()).toContain(`href="/dashboard/p/${t.demoId}"`)
    })

    it('refuses forged or tampered cookies and cross-origin logins', async () => {
      const t = await testApp()
      const good = await session(t)
      const [name, value] = good.split('=') as [string, string]
      const [exp, mac] = value.split('.') as [string, string]
      for (const forged of [
        `${name}=${Number(exp) + 1000}.${mac}`,
        `${name}=${exp}.${'A'.repeat(43)}`,
        `${name}=x`,
      ]) {
        const res = await t.fetch(`/dashboard/p/${t.demoId}`, { headers: { cookie: forged } })
        expect(res.status).toBe(401)
      }
      const cross = await login(t, ADMIN_TOKEN, { origin: 'https://evil.example' })
      expect(cross.status).toBe(403)
      expect(cross.headers.get('set-cookie')).toBeNull()
    })

    it('renders charts and shows an XSS string in an answer inert', async () => {
      const t = await testApp()
      const sent = await t.send(t.demoKey, {
        sentAt: Date.now(),
        events: [
          responseEvent({
            responseId: 'resp-xss-1',
            answers: { score: 10, why: XSS },
            finished: true,
          }),
          responseEvent({ responseId: 'resp-xss-2', answers: { score: 3 }, finished: true }),
          {
            id: 'disp-00001',
            type: 'display',
            time: Date.now(),
            installId: 'install-0001',
            surveyId: 'nps-demo',
          },
          {
            id: 'fb-000001',
            type: 'feedback',
            time: Date.now(),
            installId: 'install-0001',
            text: XSS,
          },
        ],
      })
      expect(await sent.json()).toEqual({ accepted: 4, duplicates: 0, rejected: [] })
      const cookie = await session(t)
      const survey = await t.fetch(`/dashboard/p/${t.demoId}/s/nps-demo`, { headers: { cookie } })
      expect(survey.status).toBe(200)
      const html = await survey.text()

      expect(html).not.toContain('<img src=x')
      expect(html).not.toContain('<script>')
      expect(html).toContain(
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;',
      )
      expect(html).toContain('aria-label="NPS breakdown"')
      expect(html).toContain('aria-label="Score distribution"')
      expect(html).toContain('aria-label="Per-day trend of displays and responses"')
      expect(html).toMatch(/NPS <b class="nps-score">0<\/b>/) // 1 promoter, 1 detractor
      const project = await (
        await t.fetch(`/dashboard/p/${t.demoId}`, { headers: { cookie } })
      ).text()
      expect(project).not.toContain('<img src=x')
      expect(project).toContain('&lt;img src=x')
      const css = await t.fetch('/dashboard/assets/dashboard.css')
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    })

    it('downloads a survey CSV with the session, and refuses without one', async () => {
      const t = await testApp()
      await t.send(t.demoKey, {
        sentAt: Date.now(),
        events: [
          responseEvent({
            responseId: 'resp-csv-01',
            answers: { score: 8, why: 'a,b' },
            finished: true,
          }),
        ],
      })
      const cookie = await session(t)
      const page = await (
        await t.fetch(`/dashboard/p/${t.demoId}/s/nps-demo`, { headers: { cookie } })
      ).text()
      const href = `/dashboard/p/${t.demoId}/s/nps-demo/responses.csv`
      expect(page).toContain(`href="${href}"`)
      const csv = await t.fetch(href, { headers: { cookie } })
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const text = await csv.text()
      expect(text).toContain('resp-csv-01')
      expect(text).toContain('"a,b"')
      expect((await t.fetch(href)).status).toBe(401)
    })

    it('logs out', async () => {
      const t = await testApp()
      const cookie = await session(t)
      const out = await t.fetch('/dashboard/logout', {
        method: 'POST',
        headers: { cookie },
        redirect: 'manual',
      })
      expect(out.status).toBe(303)
      expect(out.headers.get('set-cookie')).toMatch(/candor_session=;.*Max-Age=0/)
    })
  })
}
