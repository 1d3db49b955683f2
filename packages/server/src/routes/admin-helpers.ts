/** Shared by the admin route files: body parsing against a schema, project lookup. */
import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppContext } from '../app.js'
import { readJsonBody } from '../http/body.js'
import { badRequest, describeZodError, notFound } from '../http/errors.js'
import type { Project } from '../store/store.js'

export async function parseBody<T extends z.ZodType>(
  ctx: AppContext,
  c: Context,
  schema: T,
  code = 'invalid_request',
): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJsonBody(c, ctx.maxBodyBytes))
  if (!parsed.success) throw badRequest(code, describeZodError(parsed.error))
  return parsed.data
}

export async function projectParam(ctx: AppContext, c: Context): Promise<Project> {
  const project = await ctx.store.getProject(c.req.param('id') ?? '')
  if (!project) throw notFound('project')
  return project
}
