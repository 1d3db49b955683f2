/**
 * `candor-server surveys push [--project <id>] <files...>`: surveys as code. Every file is
 * read and validated first (one survey or an array of them per JSON file); any problem is
 * printed as `file: path: message` and nothing is written. Then each survey is upserted.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { Survey, type Survey as SurveyT } from '@candor/sdk/schema'
import { type OpenStoreOptions, openStore } from '../store/open.js'
import type { CliIo } from './io.js'
import { pickProject } from './project.js'

export async function validateSurveyFiles(
  files: string[],
): Promise<{ surveys: Array<{ file: string; survey: SurveyT }>; errors: string[] }> {
  const surveys: Array<{ file: string; survey: SurveyT }> = []
  const errors: string[] = []
  const seen = new Map<string, string>()
  for (const file of files) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch (err) {
      const why =
        (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message
      errors.push(`${file}: ${why}`)
      continue
    }
    const items = Array.isArray(json) ? json : [json]
    items.forEach((item, i) => {
      const prefix = Array.isArray(json) ? `${file}: [${i}]` : file
      const parsed = Survey.safeParse(item)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.map(String).join('.')
          errors.push(`${prefix}: ${path ? `${path}: ` : ''}${issue.message}`)
        }
        return
      }
      const other = seen.get(parsed.data.id)
      if (other)
        errors.push(`${prefix}: id: survey "${parsed.data.id}" is also defined in ${other}`)
      seen.set(parsed.data.id, prefix)
      surveys.push({ file, survey: parsed.data })
    })
  }
  return { surveys, errors }
}

export async function pushSurveys(
  args: string[],
  storeOpts: OpenStoreOptions,
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { project: { type: 'string' } },
  })
  if (positionals.length === 0) {
    io.err('usage: candor-server surveys push [--project <id>] <files...>\n')
    return 2
  }
  const { surveys, errors } = await validateSurveyFiles(positionals)
  if (errors.length) {
    io.err(`${errors.join('\n')}\n${errors.length} problem(s); nothing was pushed\n`)
    return 1
  }
  const store = await openStore(storeOpts)
  try {
    const project = await pickProject(store, values.project)
    for (const { file, survey } of surveys) {
      const { created } = await store.putSurvey(project.id, survey)
      io.out(`${created ? 'created' : 'updated'} ${survey.id} (${survey.status}) from ${file}\n`)
    }
    io.out(`${surveys.length} survey(s) pushed to project ${project.name} (${project.id})\n`)
    return 0
  } finally {
    await store.close()
  }
}
