/** `candor-server export --project <id> [--format csv|ndjson] [--type responses|events]
 * [--survey <id>] [--out <file>]`: the same export as the admin API, to stdout or a file. */
import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { exportChunks } from '../export.js'
import { type OpenStoreOptions, openStore } from '../store/open.js'
import { pickProject } from './project.js'

export async function runExport(
  args: string[],
  storeOpts: OpenStoreOptions,
  stdout: NodeJS.WritableStream,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      project: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      type: { type: 'string', default: 'responses' },
      survey: { type: 'string' },
      out: { type: 'string' },
    },
  })
  if (values.format !== 'csv' && values.format !== 'ndjson')
    throw new Error('--format: csv or ndjson')
  if (values.type !== 'responses' && values.type !== 'events')
    throw new Error('--type: responses or events')
  const store = await openStore(storeOpts)
  const file = values.out ? createWriteStream(values.out) : null
  const out: NodeJS.WritableStream = file ?? stdout
  try {
    const project = await pickProject(store, values.project)
    for await (const chunk of exportChunks({
      store,
      projectId: project.id,
      format: values.format,
      kind: values.type,
      responseFilter: { surveyId: values.survey },
      eventFilter: { surveyId: values.survey },
    })) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
    }
    return 0
  } finally {
    if (file) {
      file.end()
      await finished(file)
    }
    await store.close()
  }
}
