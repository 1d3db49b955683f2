/**
 * JSDoc on every export of @candor/sdk, @candor/sdk/schema and @candor/widget (the typedoc
 * entry points in typedoc.json), including every member of every exported interface, and a
 * typedoc run without warnings (broken {@link}s, referenced types left out of the docs).
 * docs/reference is generated from the same comments by `npm run docs`.
 */
import { fileURLToPath } from 'node:url'
import {
  Application,
  type DeclarationReflection,
  type ProjectReflection,
  ReferenceReflection,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function documented(r: DeclarationReflection): boolean {
  // A re-export of a symbol another entry point documents (sdk re-exports schema types).
  if (r instanceof ReferenceReflection) return documented(r.getTargetReflectionDeep() as never)
  if (r.hasComment()) return true
  const signatures = r.getNonIndexSignatures()
  return signatures.length > 0 && signatures.every((s) => s.hasComment())
}

/** Exports of each entry module and the members of exported interfaces, without a comment. */
function undocumented(project: ProjectReflection): string[] {
  const missing: string[] = []
  for (const mod of project.children ?? []) {
    for (const exp of (mod.children ?? []) as DeclarationReflection[]) {
      if (!documented(exp)) missing.push(`${mod.name}: ${exp.name}`)
      if (!exp.kindOf(ReflectionKind.Interface)) continue
      for (const member of exp.children ?? [])
        if (!documented(member)) missing.push(`${mod.name}: ${exp.name}.${member.name}`)
    }
  }
  return missing
}

describe('TypeScript API reference', () => {
  it('every export and interface member has JSDoc, and typedoc reports nothing', async () => {
    const app = await Application.bootstrapWithPlugins(
      { options: `${root}typedoc.json`, logLevel: 'Error' },
      [new TypeDocReader(), new TSConfigReader()],
    )
    const project = await app.convert()
    expect(project, 'typedoc could not convert the entry points').toBeDefined()
    app.validate(project!)
    expect(app.logger.hasErrors() || app.logger.hasWarnings(), 'typedoc warnings').toBe(false)

    const modules = (project!.children ?? []).map((m) => m.name).sort()
    expect(modules).toHaveLength(3)
    expect(project!.getReflectionsByKind(ReflectionKind.Function).length).toBeGreaterThan(2)
    const missing = undocumented(project!)
    expect(missing, 'add a /** ... */ comment to each (comments only, no code change)').toEqual([])
  }, 60_000)
})
