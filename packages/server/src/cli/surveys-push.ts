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
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { project: { type: 'string' }, url: { type: 'string' } },
  })
  if (positionals.length === 0) {
    io.err('usage: candor-server surveys push [--project <id>] [--url <server>] <files...>\n')
    return 2
  }
  const { surveys, errors } = await validateSurveyFiles(positionals)
  if (errors.length) {
    io.err(`${errors.join('\n')}\n${errors.length} problem(s); nothing was pushed\n`)
    return 1
  }
  if (values.url) return pushOverHttp(values.url, values.project, surveys, io, env)
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

/** --url: push through a running server's admin API (CI deploys), token from CANDOR_ADMIN_TOKEN. */
async function pushOverHttp(
  base: string,
  projectId: string | undefined,
  surveys: Array<{ file: string; survey: SurveyT }>,
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const token = env.CANDOR_ADMIN_TOKEN
  if (!token) {
    io.err('--url needs the admin token in CANDOR_ADMIN_TOKEN\n')
    return 2
  }
  if (!projectId) {
    io.err('--url needs --project <id>\n')
    return 2
  }
  const root = base.replace(/\/$/, '')
  let failed = 0
  for (const { file, survey } of surveys) {
    const url = `${root}/v1/admin/projects/${encodeURIComponent(projectId)}/surveys/${encodeURIComponent(survey.id)}`
    const res = await fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(survey),
    })
    if (res.ok) {
      io.out(
        `${res.status === 201 ? 'created' : 'updated'} ${survey.id} (${survey.status}) from ${file}\n`,
      )
      continue
    }
    failed++
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
    io.err(
      `${file}: ${survey.id}: server answered ${res.status}: ${body?.error?.message ?? res.statusText}\n`,
    )
  }
  return failed ? 1 : 0
}
