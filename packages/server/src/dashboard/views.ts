/** Dashboard pages as template strings. Every interpolated value goes through esc(); numbers
 * are formatted here, never taken raw from input. */
import { esc } from '../http/html.js'
import type { Project, StoredEvent, StoredSurvey } from '../store/store.js'
import type { QuestionSummary, SurveySummary } from '../summary.js'
import { columnChart, npsBar, optionBars, trendChart } from './charts.js'

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 1000) / 10}%`)
const num = (x: number | null) => (x === null ? '–' : String(x))

export function layout(title: string, body: string, signedIn = true): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Candor</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
<header><a href="/dashboard">Candor</a>${
    signedIn
      ? '<form method="post" action="/dashboard/logout"><button class="link" type="submit">Sign out</button></form>'
      : ''
  }</header>
<main>
${body}
</main>
</body>
</html>
`
}

export function loginPage(error?: string): string {
  return layout(
    'Sign in',
    `<form class="login card" method="post" action="/dashboard/login">
<h1>Candor dashboard</h1>
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<button type="submit">Sign in</button>
<p class="muted">The token was printed when the server first started (or set with CANDOR_ADMIN_TOKEN).</p>
</form>`,
    false,
  )
}

export function projectsPage(projects: Project[]): string {
  const rows = projects
    .map(
      (p) =>
        `<tr><td><a href="/dashboard/p/${encodeURIComponent(p.id)}">${esc(p.name)}</a></td><td><code>${esc(p.key)}</code></td><td>${p.allowedOrigins.length ? p.allowedOrigins.map(esc).join('<br>') : '<span class="muted">any origin</span>'}</td><td>${esc(new Date(p.createdAt).toISOString().slice(0, 10))}</td></tr>`,
    )
    .join('')
  return layout(
    'Projects',
    `<h1>Projects</h1><section><table><thead><tr><th>Name</th><th>Key</th><th>Allowed origins</th><th>Created</th></tr></thead><tbody>${rows || '<tr><td colspan="4" class="muted">No projects yet.</td></tr>'}</tbody></table></section>`,
  )
}

export function projectPage(
  project: Project,
  surveys: StoredSurvey[],
  feedback: StoredEvent[],
): string {
  const surveyRows = surveys
    .map(
      (s) =>
        `<tr><td><a href="/dashboard/p/${encodeURIComponent(project.id)}/s/${encodeURIComponent(s.survey.id)}">${esc(s.survey.name)}</a></td><td><code>${esc(s.survey.id)}</code></td><td>${esc(s.survey.status)}</td><td>${s.survey.questions.length}</td></tr>`,
    )
    .join('')
  const fb = feedback
    .map((e) => {
      const d = e.data as { text?: string; rating?: number; category?: string }
      return `<blockquote>${esc(d.text ?? '')}<br><span class="muted">${esc(new Date(e.time).toISOString().slice(0, 16).replace('T', ' '))}${d.rating !== undefined ? ` · rating ${esc(d.rating)}` : ''}${d.category ? ` · ${esc(d.category)}` : ''}</span></blockquote>`
    })
    .join('')
  return layout(
    project.name,
    `<p><a href="/dashboard">Projects</a></p>
<h1>${esc(project.name)}</h1>
<section><h2>Project</h2><table><tbody>
<tr><th>Id</th><td><code>${esc(project.id)}</code></td></tr>
<tr><th>Key</th><td><code>${esc(project.key)}</code></td></tr>
<tr><th>Allowed origins</th><td>${project.allowedOrigins.length ? project.allowedOrigins.map(esc).join('<br>') : 'any origin'}</td></tr>
</tbody></table></section>
<section><h2>Surveys</h2><table><thead><tr><th>Name</th><th>Id</th><th>Status</th><th>Questions</th></tr></thead><tbody>${surveyRows || '<tr><td colspan="4" class="muted">No surveys.</td></tr>'}</tbody></table></section>
<section><h2>Latest feedback</h2>${fb || '<p class="muted">No feedback yet.</p>'}</section>`,
  )
}

function questionBlock(q: QuestionSummary): string {
  const head = `<h2>${esc(q.title)} <span class="muted">(${esc(q.type)}, ${q.answered} answered)</span></h2>`
  switch (q.type) {
    case 'nps':
      return `${head}<p>NPS <b class="nps-score">${num(q.nps)}</b></p>${npsBar(q.promoters, q.passives, q.detractors)}${columnChart(
        'Score distribution',
        q.distribution.map((d) => ({ label: String(d.value), value: d.count })),
      )}`
    case 'csat':
      return `${head}<p>Average ${num(q.average)} · CSAT ${q.csat === null ? '–' : `${q.csat}%`}</p>${columnChart(
        'Score distribution',
        q.distribution.map((d) => ({ label: String(d.value), value: d.count })),
      )}`
    case 'ces':
    case 'rating':
      return `${head}<p>Average ${num(q.average)}</p>${columnChart(
        'Score distribution',
        q.distribution.map((d) => ({ label: String(d.value), value: d.count })),
      )}`
    case 'single':
    case 'multi':
      return `${head}${optionBars('Option counts', [...q.options.map((o) => ({ label: o.label, value: o.count })), ...(q.other ? [{ label: 'Other', value: q.other }] : [])])}`
    case 'text':
      return `${head}${q.latest.map((t) => `<blockquote>${esc(t.value)}<br><span class="muted">${esc(t.at.slice(0, 16).replace('T', ' '))}</span></blockquote>`).join('') || '<p class="muted">No answers yet.</p>'}`
    case 'cta':
    case 'consent':
      return `${head}<p>Yes: ${q.yes}</p>`
  }
}

export function surveyPage(project: Project, stored: StoredSurvey, s: SurveySummary): string {
  const kpi = (label: string, value: string) =>
    `<div class="kpi"><b>${esc(value)}</b><span>${esc(label)}</span></div>`
  return layout(
    stored.survey.name,
    `<p><a href="/dashboard">Projects</a> / <a href="/dashboard/p/${encodeURIComponent(project.id)}">${esc(project.name)}</a></p>
<h1>${esc(stored.survey.name)}</h1>
<p><a href="/dashboard/p/${encodeURIComponent(project.id)}/s/${encodeURIComponent(stored.survey.id)}/responses.csv" download>Download responses (CSV)</a></p>
<div class="kpis">${kpi('Displays', String(s.displays))}${kpi('Responses', String(s.responses))}${kpi('Finished', String(s.finished))}${kpi('Completion rate', pct(s.completionRate))}${kpi('Response rate', pct(s.responseRate))}${kpi('Dismissals', String(s.dismissals))}</div>
<section><h2>Per day</h2>${trendChart(s.daily)}</section>
${s.questions.map((q) => `<section>${questionBlock(q)}</section>`).join('\n')}`,
  )
}
