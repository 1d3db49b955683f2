/** /openapi.json and /schema/survey.json, generated from the shared zod schemas so they can
 * never drift from what the server validates. */
import {
  ConfigResponse,
  ErrorBody,
  EventsEnvelope,
  EventsResult,
  ForgetRequest,
  Survey,
  WireEvent,
} from '@candor/sdk/schema'
import { z } from 'zod'

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' })

let surveySchema: unknown
export function surveyJsonSchema(): unknown {
  surveySchema ??= {
    ...(json(Survey, 'input') as object),
    $id: '/schema/survey.json',
    title: 'Candor survey definition',
  }
  return surveySchema
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const jsonBody = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } })
const error = (description: string) => ({ description, ...jsonBody('Error') })
const list = (item: object) => ({
  type: 'object',
  properties: { items: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } },
})
const admin = { security: [{ bearer: [] }] }
const pageParams = [
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
]
const timeParams = ['from', 'to'].map((name) => ({
  name,
  in: 'query',
  description: 'ISO 8601 date(-time) or epoch ms',
  schema: { type: 'string' },
}))

let doc: unknown
export function openApiDocument(): unknown {
  doc ??= {
    openapi: '3.1.0',
    info: { title: 'Candor collection server', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: json(ErrorBody),
        Survey: json(Survey, 'input'),
        WireEvent: json(WireEvent),
        EventsEnvelope: json(EventsEnvelope),
        EventsResult: json(EventsResult),
        ConfigResponse: json(ConfigResponse),
        ForgetRequest: json(ForgetRequest),
      },
    },
    paths: {
      '/v1/p/{projectKey}/config': {
        get: {
          summary: 'Active surveys and settings (ETag, 304)',
          responses: {
            200: { description: 'config', ...jsonBody('ConfigResponse') },
            304: { description: 'not modified' },
            403: error('origin not allowed'),
            404: error('unknown key'),
            429: error('rate limited (Retry-After)'),
          },
        },
      },
      '/v1/p/{projectKey}/events': {
        post: {
          summary: 'Ingest events (JSON or text/plain JSON)',
          requestBody: jsonBody('EventsEnvelope'),
          responses: {
            200: { description: 'per-event result', ...jsonBody('EventsResult') },
            400: error('bad envelope'),
            403: error('origin not allowed'),
            404: error('unknown key'),
            413: error('body too large'),
            429: error('rate limited (Retry-After)'),
          },
        },
      },
      '/v1/p/{projectKey}/forget': {
        post: {
          summary: "Erase an install's events and responses",
          requestBody: jsonBody('ForgetRequest'),
          responses: { 200: { description: 'erased counts' }, 400: error('bad request') },
        },
      },
      '/v1/admin/projects': {
        get: { ...admin, parameters: pageParams, responses: { 200: { description: 'projects' } } },
        post: {
          ...admin,
          summary: 'Create a project',
          responses: { 201: { description: 'created' } },
        },
      },
      '/v1/admin/projects/{id}': {
        get: { ...admin, responses: { 200: { description: 'project' }, 404: error('not found') } },
        patch: {
          ...admin,
          summary: 'Update name, allowed origins, settings',
          responses: { 200: { description: 'project' } },
        },
      },
      '/v1/admin/projects/{id}/rotate-key': {
        post: { ...admin, responses: { 200: { description: 'project with a new key' } } },
      },
      '/v1/admin/projects/{id}/surveys': {
        get: {
          ...admin,
          responses: {
            200: {
              description: 'surveys',
              content: { 'application/json': { schema: list(ref('Survey')) } },
            },
          },
        },
        post: {
          ...admin,
          requestBody: jsonBody('Survey'),
          responses: {
            201: { description: 'created' },
            400: error('invalid survey'),
            409: error('exists'),
          },
        },
      },
      '/v1/admin/projects/{id}/surveys/{surveyId}': {
        get: { ...admin, responses: { 200: { description: 'survey' }, 404: error('not found') } },
        put: {
          ...admin,
          requestBody: jsonBody('Survey'),
          responses: { 200: { description: 'replaced' }, 201: { description: 'created' } },
        },
        patch: { ...admin, responses: { 200: { description: 'updated' } } },
        delete: { ...admin, responses: { 204: { description: 'deleted' } } },
      },
      '/v1/admin/projects/{id}/surveys/{surveyId}/summary': {
        get: { ...admin, parameters: timeParams, responses: { 200: { description: 'summary' } } },
      },
      '/v1/admin/projects/{id}/responses': {
        get: {
          ...admin,
          parameters: [
            ...pageParams,
            ...timeParams,
            { name: 'surveyId', in: 'query', schema: { type: 'string' } },
            { name: 'finished', in: 'query', schema: { type: 'boolean' } },
            { name: 'installId', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'merged responses' } },
        },
      },
      '/v1/admin/projects/{id}/events': {
        get: {
          ...admin,
          parameters: [
            ...pageParams,
            ...timeParams,
            {
              name: 'type',
              in: 'query',
              schema: { enum: ['track', 'feedback', 'display', 'dismiss', 'response'] },
            },
            { name: 'surveyId', in: 'query', schema: { type: 'string' } },
            { name: 'name', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'events' } },
        },
      },
      '/v1/admin/projects/{id}/export': {
        get: {
          ...admin,
          parameters: [
            { name: 'format', in: 'query', schema: { enum: ['csv', 'ndjson'] } },
            { name: 'type', in: 'query', schema: { enum: ['responses', 'events'] } },
          ],
          responses: { 200: { description: 'streamed file' } },
        },
      },
      '/v1/admin/projects/{id}/webhooks': {
        get: { ...admin, responses: { 200: { description: 'webhooks' } } },
        post: { ...admin, responses: { 201: { description: 'created, with its signing secret' } } },
      },
      '/v1/admin/projects/{id}/webhooks/{webhookId}': {
        delete: { ...admin, responses: { 204: { description: 'deleted' } } },
      },
      '/v1/admin/projects/{id}/webhooks/deliveries': {
        get: {
          ...admin,
          parameters: pageParams,
          responses: { 200: { description: 'delivery log' } },
        },
      },
      '/healthz': { get: { responses: { 200: { description: 'alive' } } } },
      '/readyz': {
        get: { responses: { 200: { description: 'ready' }, 503: { description: 'store down' } } },
      },
      '/metrics': { get: { responses: { 200: { description: 'Prometheus text' } } } },
    },
  }
  return doc
}
