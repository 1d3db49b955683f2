/**
 * `npm run docs`: writes what the docs check in, from the code that serves it.
 * - docs/openapi.json and docs/survey.schema.json: exactly what the server answers at
 *   /openapi.json and /schema/survey.json (packages/server/test/docs-sync.test.ts compares).
 * - docs/reference/: the TypeScript API reference of @candor/sdk and @candor/widget (typedoc,
 *   typedoc.json); test/integration/api-reference.test.ts checks every export has JSDoc.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Application, TSConfigReader, TypeDocReader } from 'typedoc'
import { openApiDocument, surveyJsonSchema } from '../packages/server/src/openapi.js'

const root = new URL('../', import.meta.url)

/** The checked-in form: two-space JSON and a final newline (the sync test reads it the same). */
export const docJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

async function main() {
  await writeFile(new URL('docs/openapi.json', root), docJson(openApiDocument()))
  await writeFile(new URL('docs/survey.schema.json', root), docJson(surveyJsonSchema()))
  console.log('wrote docs/openapi.json, docs/survey.schema.json')

  const app = await Application.bootstrapWithPlugins(
    { options: fileURLToPath(new URL('typedoc.json', root)) },
    [new TypeDocReader(), new TSConfigReader()],
  )
  const project = await app.convert()
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) {
    console.error('typedoc reported problems (see above); docs/reference not written')
    process.exit(1)
  }
  await app.generateOutputs(project)
  console.log('wrote docs/reference/')
}

await main()
