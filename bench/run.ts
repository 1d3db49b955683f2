/**
 * `npm run bench`: runs every bench/*.bench.ts (or the ones named on the command line) and
 * writes docs/BENCHMARKS.md with each figure, the command that reproduces it and the machine.
 * Each bench's section is kept in bench/results/<name>.md, so running one bench updates its
 * section and leaves the others' last figures in place.
 * A bench module default-exports `() => Promise<BenchReport>`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { basename } from 'node:path'

export interface BenchReport {
  title: string
  /** What is measured and against what, in a sentence or two. */
  summary: string
  /** Table rows; the first row's keys are the columns. */
  rows: Record<string, string | number>[]
  /** Ratios measured in the same run, e.g. "outbox / raw IndexedDB puts: 0.82". */
  ratios?: string[]
  notes?: string[]
}

const only = process.argv.slice(2)
// The soak runs five minutes on its own (`npm run bench:soak`); a plain `npm run bench` leaves
// its last figures in place.
const onDemand = ['soak']
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) =>
    only.length === 0
      ? !onDemand.includes(basename(f, '.bench.ts'))
      : only.some((o) => f.includes(o)),
  )
  .sort()

mkdirSync('bench/results', { recursive: true })
for (const file of files) {
  const name = basename(file, '.bench.ts')
  console.log(`bench: ${name}`)
  const mod = (await import(`./${file}`)) as { default: () => Promise<BenchReport> }
  const r = await mod.default()
  const cols = Object.keys(r.rows[0] ?? {})
  const table = cols.length
    ? [
        `| ${cols.join(' | ')} |`,
        `|${cols.map(() => '---').join('|')}|`,
        ...r.rows.map((row) => `| ${cols.map((c) => String(row[c] ?? '')).join(' | ')} |`),
      ].join('\n')
    : ''
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  const section = [
    `## ${r.title}`,
    r.summary,
    `Reproduce: \`npm run bench -- ${name}\` (measured ${new Date().toISOString().slice(0, 10)} on ${machine})`,
    table,
    r.ratios?.length ? `Ratios (same run):\n${r.ratios.map((x) => `- ${x}`).join('\n')}` : '',
    r.notes?.length ? r.notes.map((x) => `- ${x}`).join('\n') : '',
  ]
    .filter(Boolean)
    .join('\n\n')
  writeFileSync(`bench/results/${name}.md`, `${section}\n`)
}

const sections = existsSync('bench/results')
  ? readdirSync('bench/results')
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => readFileSync(`bench/results/${f}`, 'utf8').trim())
  : []
const doc = `# Benchmarks

Measured by \`npm run bench\` (all but the five-minute soak), \`npm run bench:soak\` or
\`npm run bench -- <name>\` (one), each of which rewrites this file. Each section's figures are
from one run on one machine (a 2-core VM shared with other jobs for some runs: each section
says when it was measured); compare the ratios, measured side by side in the same run, rather
than the absolute times.

${sections.join('\n\n')}
`
writeFileSync('docs/BENCHMARKS.md', doc)
