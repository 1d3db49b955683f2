/** Every error answer is `{ error: { code, message } }`; routes throw ApiError and the app's
 * error handler renders it, so no bad input can reach a 5xx. */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message)
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`)

export function errorResponse(c: Context, err: ApiError): Response {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
  return c.json({ error: { code: err.code, message: err.message } }, err.status)
}

/** One line per issue, each with its path: `questions.0.id: duplicate question id "a"`. */
export function describeZodError(error: z.ZodError, prefix: Array<string | number> = []): string {
  return error.issues
    .slice(0, 10)
    .map((i) => {
      const path = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
      return path.length ? `${path.join('.')}: ${i.message}` : i.message
    })
    .join('; ')
}
