/** Inline SVG charts: server-rendered, no script, every label escaped. Colours and sizes are
 * presentation attributes (allowed under a CSP without 'unsafe-inline', unlike style=""). */
import { esc } from '../http/html.js'

const PALETTE = { promoter: '#1a7f37', passive: '#bf8700', detractor: '#cf222e', bar: '#5b5bd6' }

/** One horizontal bar split into segments, with a legend. */
export function stackedBar(
  title: string,
  segments: Array<{ label: string; value: number; color: string }>,
): string {
  const total = segments.reduce((s, x) => s + x.value, 0)
  const width = 600
  let x = 0
  const rects = segments
    .map((s) => {
      const w = total ? (s.value / total) * width : 0
      const r = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="28" fill="${s.color}"><title>${esc(s.label)}: ${s.value}</title></rect>`
      x += w
      return r
    })
    .join('')
  const legend = segments
    .map(
      (s, i) =>
        `<g transform="translate(${i * 200},48)"><rect width="12" height="12" fill="${s.color}"/><text x="18" y="11">${esc(s.label)}: ${s.value}${total ? ` (${Math.round((s.value / total) * 100)}%)` : ''}</text></g>`,
    )
    .join('')
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} 64" width="100%">${total ? rects : `<rect width="${width}" height="28" fill="#eee"/>`}${legend}</svg>`
}

export const npsBar = (promoters: number, passives: number, detractors: number) =>
  stackedBar('NPS breakdown', [
    { label: 'Promoters', value: promoters, color: PALETTE.promoter },
    { label: 'Passives', value: passives, color: PALETTE.passive },
    { label: 'Detractors', value: detractors, color: PALETTE.detractor },
  ])

/** Vertical bars, one per label (score distributions, per-day counts). */
export function columnChart(title: string, data: Array<{ label: string; value: number }>): string {
  const width = 600
  const height = 160
  const max = Math.max(1, ...data.map((d) => d.value))
  const slot = data.length ? width / data.length : width
  const bars = data
    .map((d, i) => {
      const h = (d.value / max) * (height - 30)
      const x = i * slot + slot * 0.15
      const y = height - 18 - h
      return `<g><rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${(slot * 0.7).toFixed(2)}" height="${h.toFixed(2)}" fill="${PALETTE.bar}"><title>${esc(d.label)}: ${d.value}</title></rect><text x="${(x + slot * 0.35).toFixed(2)}" y="${height - 4}" text-anchor="middle">${esc(d.label)}</text><text x="${(x + slot * 0.35).toFixed(2)}" y="${(y - 3).toFixed(2)}" text-anchor="middle" class="v">${d.value}</text></g>`
    })
    .join('')
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%">${bars}</svg>`
}

/** Horizontal bars with labels (choice options). */
export function optionBars(title: string, data: Array<{ label: string; value: number }>): string {
  const rowH = 26
  const width = 600
  const labelW = 200
  const max = Math.max(1, ...data.map((d) => d.value))
  const rows = data
    .map((d, i) => {
      const w = (d.value / max) * (width - labelW - 50)
      const y = i * rowH
      return `<g><text x="0" y="${y + 17}">${esc(d.label.length > 28 ? `${d.label.slice(0, 27)}…` : d.label)}</text><rect x="${labelW}" y="${y + 4}" width="${w.toFixed(2)}" height="18" fill="${PALETTE.bar}"><title>${esc(d.label)}: ${d.value}</title></rect><text x="${(labelW + w + 6).toFixed(2)}" y="${y + 17}" class="v">${d.value}</text></g>`
    })
    .join('')
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${Math.max(rowH, data.length * rowH)}" width="100%">${rows}</svg>`
}

/** Per-day trend: displays and responses as two polylines. */
export function trendChart(
  days: Array<{ day: string; displays: number; responses: number }>,
): string {
  const width = 600
  const height = 180
  if (days.length === 0)
    return `<svg class="chart" role="img" aria-label="Per-day trend (no data)" viewBox="0 0 ${width} 40" width="100%"><text x="0" y="24">No data yet</text></svg>`
  const max = Math.max(1, ...days.map((d) => Math.max(d.displays, d.responses)))
  const px = (i: number) =>
    days.length === 1 ? width / 2 : 30 + (i * (width - 60)) / (days.length - 1)
  const py = (v: number) => height - 30 - (v / max) * (height - 50)
  const line = (key: 'displays' | 'responses', color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${days.map((d, i) => `${px(i).toFixed(1)},${py(d[key]).toFixed(1)}`).join(' ')}"/>` +
    days
      .map(
        (d, i) =>
          `<circle cx="${px(i).toFixed(1)}" cy="${py(d[key]).toFixed(1)}" r="3" fill="${color}"><title>${esc(d.day)} ${key}: ${d[key]}</title></circle>`,
      )
      .join('')
  const labels = [0, days.length - 1]
    .filter((i, n, a) => a.indexOf(i) === n)
    .map(
      (i) =>
        `<text x="${px(i).toFixed(1)}" y="${height - 8}" text-anchor="middle">${esc(days[i]!.day)}</text>`,
    )
    .join('')
  return `<svg class="chart" role="img" aria-label="Per-day trend of displays and responses" viewBox="0 0 ${width} ${height}" width="100%">${line('displays', '#8c959f')}${line('responses', PALETTE.bar)}${labels}<g transform="translate(0,4)"><rect width="12" height="3" y="5" fill="#8c959f"/><text x="16" y="11">Displays</text><rect x="100" width="12" height="3" y="5" fill="${PALETTE.bar}"/><text x="116" y="11">Responses</text></g></svg>`
}
