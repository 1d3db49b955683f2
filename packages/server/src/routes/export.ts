/** GET /v1/admin/projects/{id}/export?format=csv|ndjson&type=responses|events (streamed). */
import { Hono } from 'hono'
import type { AppContext } from '../app.js'
import { type ExportFormat, type ExportKind, exportChunks } from '../export.js'
import { badRequest } from '../http/errors.js'
import { boolParam, stringParam, timeParam } from '../http/query.js'
import { streamText } from '../http/stream.js'
import { projectParam } from './admin-helpers.js'

const SLUG = /^[A-Za-z0-9_-]{1,64}$/

export function exportRoutes(ctx: AppContext): Hono {
  const app = new Hono()
  app.get('/projects/:id/export', async (c) => {
    const project = await projectParam(ctx, c)
    const format = (c.req.query('format') ?? 'csv') as ExportFormat
    if (format !== 'csv' && format !== 'ndjson')
      throw badRequest('invalid_query', 'format: expected csv or ndjson')
    const kind = (c.req.query('type') ?? 'responses') as ExportKind
    if (kind !== 'responses' && kind !== 'events')
      throw badRequest('invalid_query', 'type: expected responses or events')
    const surveyId = stringParam(c, 'surveyId', SLUG)
    const from = timeParam(c, 'from')
    const to = timeParam(c, 'to')
    const chunks = exportChunks({
      store: ctx.store,
      projectId: project.id,
      format,
      kind,
      responseFilter: { surveyId, from, to, finished: boolParam(c, 'finished') },
      eventFilter: {
        surveyId,
        from,
        to,
        type: stringParam(c, 'eventType', /^(track|feedback|display|dismiss|response)$/) as never,
      },
      bom: boolParam(c, 'bom'),
    })
    const date = new Date(ctx.now()).toISOString().slice(0, 10)
    return c.body(
      streamText(chunks, (err) =>
        ctx.logger.error({ err, projectId: project.id }, 'export failed mid-stream'),
      ),
      200,
      {
        'Content-Type':
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="candor-${project.id}-${kind}-${date}.${format}"`,
        'Cache-Control': 'no-store',
      },
    )
  })
  return app
}
