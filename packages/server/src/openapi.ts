/**
 * /openapi.json (OpenAPI 3.1) and /schema/survey.json (JSON Schema 2020-12), generated from
 * zod schemas so they cannot drift: request bodies are the shared wire schemas the server
 * validates with, response shapes are the zod mirrors below of what serialize.ts writes (a
 * test checks real answers against them). `npm run docs` checks both files in under docs/.
 */
import {
  AnswerValue,
  ConfigResponse,
  ErrorBody,
  EventsEnvelope,
  EventsResult,
  ForgetRequest,
  ProjectSettings,
  Survey,
  WireEvent,
} from '@candor/sdk/schema'
import { z } from 'zod'

// -- response shapes (what serialize.ts and the routes write) -------------------------------

// `format: date-time` says it all; zod's 300-character regex would repeat on every field.
const Iso = z.iso.datetime().meta({ pattern: undefined })
const Id = z.string()

/** A project as the admin API answers it. */
export const ProjectJson = z.strictObject({
  id: Id,
  key: z.string().describe('public project key (pk_…), sent by browsers in the URL'),
  name: z.string(),
  allowedOrigins: z.array(z.string()).describe('empty: every origin may send'),
  settings: ProjectSettings,
  createdAt: Iso,
})

const SettingsPatch = z.strictObject({ recontactDays: z.number().min(0).max(365).optional() })
const Origins = z
  .array(z.string().describe('an origin such as https://app.example.com'))
  .max(100)
  .describe('normalised to scheme://host[:port]; anything else is a 400')

/** POST /v1/admin/projects body. */
export const ProjectCreate = z.object({
  name: z.string().min(1).max(200),
  allowedOrigins: Origins.optional(),
  settings: SettingsPatch.optional(),
})

/** PATCH /v1/admin/projects/{id} body. */
export const ProjectUpdate = z.object({
  name: z.string().min(1).max(200).optional(),
  allowedOrigins: Origins.optional(),
  settings: SettingsPatch.optional(),
})

/** A stored survey: the definition (defaults applied) plus its timestamps. */
export const SurveyRecord = Survey.safeExtend({ createdAt: Iso, updatedAt: Iso })

const Nullable = <T extends z.ZodType>(t: T) => t.nullable()

/** A survey response: every step of one `responseId`, merged. */
export const ResponseJson = z.strictObject({
  id: Id.describe('the responseId'),
  surveyId: z.string(),
  installId: z.string(),
  userId: Nullable(z.string()),
  answers: z.record(z.string(), AnswerValue),
  finished: z.boolean(),
  createdAt: Iso,
  updatedAt: Iso,
  finishedAt: Nullable(Iso),
  url: Nullable(z.string()),
  locale: Nullable(z.string()),
  attributes: Nullable(z.record(z.string(), z.unknown())),
})

const EventType = z.enum(['track', 'feedback', 'display', 'dismiss', 'response'])

/** A stored event (usage event, feedback, display, dismissal or response step). */
export const EventJson = z.strictObject({
  id: Id,
  type: EventType,
  installId: z.string(),
  userId: Nullable(z.string()),
  surveyId: Nullable(z.string()),
  responseId: Nullable(z.string()),
  name: Nullable(z.string()),
  time: Iso.describe('event time, corrected for the client clock'),
  receivedAt: Iso,
  data: z.looseObject({ type: EventType }).describe('the event as the client sent it'),
})

const Counts = z.array(z.strictObject({ value: z.number(), count: z.number().int() }))

/** GET …/surveys/{surveyId}/summary. Question entries carry the fields of their type. */
export const SummaryJson = z.strictObject({
  surveyId: z.string(),
  displays: z.number().int(),
  dismissals: z.number().int(),
  responses: z.number().int(),
  finished: z.number().int(),
  completionRate: Nullable(z.number()).describe('finished / responses'),
  responseRate: Nullable(z.number()).describe('responses / displays'),
  questions: z.array(
    z
      .looseObject({
        id: z.string(),
        type: z.string(),
        title: z.string(),
        answered: z.number().int(),
        distribution: Counts.optional(),
        average: Nullable(z.number()).optional(),
        nps: Nullable(z.number()).optional(),
        csat: Nullable(z.number()).optional(),
      })
      .describe(
        'nps: promoters, passives, detractors, nps; csat: average, satisfied, csat; ' +
          'ces/rating: average; single/multi: options [{id,label,count}], other; ' +
          'text: latest [{responseId,value,at}]; cta/consent: yes',
      ),
  ),
  daily: z.array(
    z.strictObject({
      day: z.string().describe('YYYY-MM-DD, UTC'),
      displays: z.number().int(),
      responses: z.number().int(),
      finished: z.number().int(),
    }),
  ),
})

/** POST …/webhooks body. */
export const WebhookCreate = z.object({ url: z.url().max(2048).describe('http(s) URL') })

/** A webhook; `secret` only in the answer that creates it. */
export const WebhookJson = z.strictObject({
  id: Id,
  url: z.string(),
  active: z.boolean(),
  createdAt: Iso,
  secret: z.string().optional().describe('signing secret, shown once'),
})

/** One webhook delivery and its attempts. */
export const DeliveryJson = z.strictObject({
  id: Id,
  webhookId: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: Nullable(Iso),
  lastStatus: Nullable(z.number().int()),
  lastError: Nullable(z.string()),
  createdAt: Iso,
  updatedAt: Iso,
})

/** POST /v1/p/{projectKey}/forget answer. */
export const ForgetResult = z.strictObject({
  erased: z.strictObject({
    events: z.number().int(),
    responses: z.number().int(),
    webhookDeliveries: z.number().int(),
  }),
})

/** GET /readyz answer. */
export const ReadyJson = z.strictObject({ ok: z.boolean(), store: z.enum(['sqlite', 'postgres']) })

// -- JSON Schema generation -----------------------------------------------------------------

function json(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>
  return rest
}

let surveySchema: unknown
/** The survey definition JSON Schema served at /schema/survey.json (for editors and CI). */
export function surveyJsonSchema(): unknown {
  surveySchema ??= {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: '/schema/survey.json',
    title: 'Candor survey definition',
    ...json(Survey, 'input'),
  }
  return surveySchema
}

// -- OpenAPI document -----------------------------------------------------------------------

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const content = (schema: object, type = 'application/json') => ({ content: { [type]: { schema } } })
const ok = (description: string, schema: object) => ({ description, ...content(schema) })
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: { type: ['string', 'null'], description: 'null on the last page' },
  },
})
const text = (description: string, type: string) => ({
  description,
  ...content({ type: 'string' }, type),
})
const body = (name: string, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  ...content(ref(name)),
})

const retryAfter = {
  'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } },
}
const err = (description: string, headers?: object) => ({
  description,
  ...(headers ? { headers } : {}),
  ...content(ref('Error')),
})
const E = {
  400: (codes: string) => err(`bad input (${codes})`),
  401: err('missing or wrong admin token (unauthorized)'),
  403: err('origin not allowed (origin_not_allowed)'),
  404: (what: string) => err(`${what} not found (not_found)`),
  413: err('body too large (payload_too_large)'),
  429: err('rate limited (rate_limited)', retryAfter),
  503: err('database down or busy (unavailable): retry later', retryAfter),
}

const publicErrors = {
  403: E[403],
  404: err('no project has this key (unknown_project)'),
  429: E[429],
  503: E[503],
}
const adminErrors = { 401: E[401], 404: E[404]('project'), 503: E[503] }
const badQuery = E[400]('invalid_query, invalid_cursor')
const badBody = E[400]('invalid_json, invalid_encoding, invalid_body, invalid_request')
const badSurvey = E[400](
  'invalid_json, invalid_survey: one "path: message" per problem, e.g. questions.1.id: duplicate question id "a"',
)

const q = (name: string, schema: object, description?: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  ...(description ? { description } : {}),
})
const pageParams = [
  q('cursor', { type: 'string' }, 'the nextCursor of the previous page'),
  q('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
]
const slugQ = (name: string) => q(name, { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' })
const timeParams = [
  q('from', { type: 'string' }, 'inclusive; ISO 8601 date(-time) or epoch ms'),
  q('to', { type: 'string' }, 'exclusive; ISO 8601 date(-time) or epoch ms'),
]
const boolQ = (name: string) => q(name, { type: 'string', enum: ['true', 'false', '1', '0'] })

const PATH_PARAM = /\{([^}]+)\}/g
const PARAM_DOC: Record<string, string> = {
  projectKey: 'public project key (pk_…)',
  id: 'project id (prj_…)',
  surveyId: 'survey id',
  webhookId: 'webhook id',
  file: 'file name',
}

type Operation = Record<string, unknown> & { responses: Record<string, unknown> }
type Methods = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete' | 'options', Operation>>

/** Adds the path parameters each template names to each of its operations (not at path
 * level: clients and tests iterate a path's keys as methods), so none can be forgotten. */
function withPathParams(paths: Record<string, Methods>): Record<string, Methods> {
  const out: Record<string, Methods> = {}
  for (const [path, methods] of Object.entries(paths)) {
    const params = [...path.matchAll(PATH_PARAM)].map((m) => ({
      name: m[1]!,
      in: 'path',
      required: true,
      schema: { type: 'string' },
      description: PARAM_DOC[m[1]!] ?? m[1]!,
    }))
    out[path] = Object.fromEntries(
      Object.entries(methods).map(([method, op]) => [
        method,
        params.length
          ? { ...op, parameters: [...params, ...((op.parameters as object[]) ?? [])] }
          : op,
      ]),
    )
  }
  return out
}

const admin = (tag: string, op: Operation): Operation => ({
  tags: [tag],
  security: [{ adminToken: [] }],
  ...op,
  responses: {
    ...adminErrors,
    ...(op.requestBody ? { 413: E[413] } : {}),
    ...op.responses,
  },
})
const pub = (op: Operation): Operation => ({
  tags: ['public'],
  ...op,
  responses: { ...publicErrors, ...op.responses },
})
const preflight: Operation = {
  tags: ['public'],
  operationId: 'corsPreflight',
  summary: 'CORS preflight',
  security: [],
  responses: { 204: { description: 'allowed methods and headers' } },
}
const session = (op: Operation): Operation => ({
  tags: ['dashboard'],
  security: [{ dashboardSession: [] }],
  ...op,
})

function buildPaths(): Record<string, Methods> {
  return {
    '/v1/p/{projectKey}/config': {
      get: pub({
        operationId: 'getConfig',
        summary: 'Active surveys and settings (ETag; 304 on If-None-Match)',
        responses: {
          200: ok('live surveys and project settings', ref('ConfigResponse')),
          304: { description: 'not modified' },
        },
      }),
      options: { ...preflight, operationId: 'configPreflight' },
    },
    '/v1/p/{projectKey}/events': {
      post: pub({
        operationId: 'postEvents',
        summary: 'Ingest a batch of events (application/json or text/plain JSON for sendBeacon)',
        description:
          'Each event id is stored at most once per project: a repeat counts in `duplicates`. ' +
          'The envelope is validated as a whole (400); events one by one (`rejected`).',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('EventsEnvelope') },
            'text/plain': { schema: ref('EventsEnvelope') },
          },
        },
        responses: {
          200: ok('stored after commit; per-event result', ref('EventsResult')),
          400: E[400](
            'invalid_json, invalid_encoding, invalid_body, invalid_envelope, invalid_input',
          ),
          413: E[413],
        },
      }),
      options: { ...preflight, operationId: 'eventsPreflight' },
    },
    '/v1/p/{projectKey}/forget': {
      post: pub({
        operationId: 'forgetInstall',
        summary: "Erase an install's events, responses and pending webhook payloads",
        requestBody: body('ForgetRequest'),
        responses: {
          200: ok('what was erased', ref('ForgetResult')),
          400: badBody,
          413: E[413],
        },
      }),
      options: { ...preflight, operationId: 'forgetPreflight' },
    },
    '/v1/admin/projects': {
      get: admin('projects', {
        operationId: 'listProjects',
        parameters: pageParams,
        responses: { 200: ok('projects, newest first', page('Project')), 400: badQuery },
      }),
      post: admin('projects', {
        operationId: 'createProject',
        summary: 'Create a project (gets a new public key)',
        requestBody: body('ProjectCreate'),
        responses: { 201: ok('created', ref('Project')), 400: badBody },
      }),
    },
    '/v1/admin/projects/{id}': {
      get: admin('projects', {
        operationId: 'getProject',
        responses: { 200: ok('project', ref('Project')) },
      }),
      patch: admin('projects', {
        operationId: 'updateProject',
        summary: 'Update name, allowed origins, settings',
        requestBody: body('ProjectUpdate'),
        responses: { 200: ok('updated project', ref('Project')), 400: badBody },
      }),
    },
    '/v1/admin/projects/{id}/rotate-key': {
      post: admin('projects', {
        operationId: 'rotateProjectKey',
        summary: 'Give the project a new key; the old one stops working at once',
        responses: { 200: ok('project with its new key', ref('Project')) },
      }),
    },
    '/v1/admin/projects/{id}/surveys': {
      get: admin('surveys', {
        operationId: 'listSurveys',
        responses: { 200: ok('every survey (nextCursor is null)', page('SurveyRecord')) },
      }),
      post: admin('surveys', {
        operationId: 'createSurvey',
        requestBody: body('Survey', 'a survey definition (same schema as /schema/survey.json)'),
        responses: {
          201: ok('created', ref('SurveyRecord')),
          400: badSurvey,
          409: err('a survey with this id exists (conflict): PUT to replace it'),
        },
      }),
    },
    '/v1/admin/projects/{id}/surveys/{surveyId}': {
      get: admin('surveys', {
        operationId: 'getSurvey',
        responses: { 200: ok('survey', ref('SurveyRecord')), 404: E[404]('project or survey') },
      }),
      put: admin('surveys', {
        operationId: 'putSurvey',
        summary: 'Replace or create a survey (the whole definition; id defaults to the URL)',
        requestBody: body('Survey'),
        responses: {
          200: ok('replaced', ref('SurveyRecord')),
          201: ok('created', ref('SurveyRecord')),
          400: badSurvey,
        },
      }),
      patch: admin('surveys', {
        operationId: 'patchSurvey',
        summary: 'Merge top-level fields (e.g. {"status":"paused"}), validated as a whole',
        requestBody: {
          required: true,
          ...content({ type: 'object', description: 'top-level survey fields to replace' }),
        },
        responses: {
          200: ok('updated', ref('SurveyRecord')),
          400: badSurvey,
          404: E[404]('project or survey'),
        },
      }),
      delete: admin('surveys', {
        operationId: 'deleteSurvey',
        responses: { 204: { description: 'deleted' }, 404: E[404]('project or survey') },
      }),
    },
    '/v1/admin/projects/{id}/surveys/{surveyId}/summary': {
      get: admin('results', {
        operationId: 'surveySummary',
        summary: 'Displays, responses, completion, NPS, CSAT, per-question counts, per-day series',
        parameters: timeParams,
        responses: {
          200: ok('summary', ref('Summary')),
          400: badQuery,
          404: E[404]('project or survey'),
        },
      }),
    },
    '/v1/admin/projects/{id}/responses': {
      get: admin('results', {
        operationId: 'listResponses',
        summary: 'Merged survey responses, newest first',
        parameters: [
          ...pageParams,
          ...timeParams,
          slugQ('surveyId'),
          boolQ('finished'),
          slugQ('installId'),
        ],
        responses: { 200: ok('responses', page('Response')), 400: badQuery },
      }),
    },
    '/v1/admin/projects/{id}/events': {
      get: admin('results', {
        operationId: 'listEvents',
        summary: 'Usage events, feedback, displays, dismissals and response steps, newest first',
        parameters: [
          ...pageParams,
          ...timeParams,
          q('type', { type: 'string', enum: EventType.options }),
          slugQ('surveyId'),
          q('name', { type: 'string', maxLength: 200 }, 'track event name'),
          slugQ('installId'),
        ],
        responses: { 200: ok('events', page('Event')), 400: badQuery },
      }),
    },
    '/v1/admin/projects/{id}/export': {
      get: admin('results', {
        operationId: 'exportData',
        summary: 'Streamed CSV (RFC 4180, UTF-8 BOM unless bom=false) or NDJSON',
        parameters: [
          q('format', { type: 'string', enum: ['csv', 'ndjson'], default: 'csv' }),
          q('type', { type: 'string', enum: ['responses', 'events'], default: 'responses' }),
          slugQ('surveyId'),
          ...timeParams,
          boolQ('finished'),
          q('eventType', { type: 'string', enum: EventType.options }, 'with type=events'),
          boolQ('bom'),
        ],
        responses: {
          200: {
            description: 'the file, as an attachment',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/x-ndjson': { schema: { type: 'string' } },
            },
          },
          400: badQuery,
        },
      }),
    },
    '/v1/admin/projects/{id}/webhooks': {
      get: admin('webhooks', {
        operationId: 'listWebhooks',
        responses: { 200: ok('webhooks, without secrets', page('Webhook')) },
      }),
      post: admin('webhooks', {
        operationId: 'createWebhook',
        summary: 'Call a URL when a response is finished (HMAC-signed)',
        requestBody: body('WebhookCreate'),
        responses: { 201: ok('created, with its signing secret', ref('Webhook')), 400: badBody },
      }),
    },
    '/v1/admin/projects/{id}/webhooks/{webhookId}': {
      delete: admin('webhooks', {
        operationId: 'deleteWebhook',
        responses: { 204: { description: 'deleted' }, 404: E[404]('project or webhook') },
      }),
    },
    '/v1/admin/projects/{id}/webhooks/deliveries': {
      get: admin('webhooks', {
        operationId: 'listWebhookDeliveries',
        parameters: pageParams,
        responses: { 200: ok('delivery log, newest first', page('Delivery')), 400: badQuery },
      }),
    },
    '/healthz': {
      get: {
        tags: ['operations'],
        operationId: 'health',
        responses: {
          200: ok('alive', { type: 'object', properties: { ok: { const: true } } }),
        },
      },
    },
    '/readyz': {
      get: {
        tags: ['operations'],
        operationId: 'ready',
        responses: { 200: ok('ready', ref('Ready')), 503: ok('database down', ref('Ready')) },
      },
    },
    '/metrics': {
      get: {
        tags: ['operations'],
        operationId: 'metrics',
        responses: { 200: text('Prometheus text exposition', 'text/plain') },
      },
    },
    '/openapi.json': {
      get: {
        tags: ['operations'],
        operationId: 'openApi',
        responses: { 200: ok('this document', { type: 'object' }) },
      },
    },
    '/schema/survey.json': {
      get: {
        tags: ['operations'],
        operationId: 'surveySchema',
        responses: { 200: ok('JSON Schema (2020-12) of a survey definition', { type: 'object' }) },
      },
    },
    '/{file}': {
      get: {
        tags: ['static'],
        operationId: 'widgetFile',
        summary:
          'Built widget files: candor.js (5 min cache) and content-hashed chunks such as ' +
          'candor-core.<hash>.js and candor-ui.<hash>.js (immutable; loaded with SRI, so CORS is open)',
        responses: {
          200: text('the file', 'text/javascript'),
          304: { description: 'not modified (ETag)' },
          404: E[404]('file'),
        },
      },
    },
    '/locales/{file}': {
      get: {
        tags: ['static'],
        operationId: 'localeFile',
        responses: { 200: text('locale strings', 'application/json'), 404: E[404]('file') },
      },
    },
    '/favicon.ico': {
      get: {
        tags: ['static'],
        operationId: 'favicon',
        responses: { 204: { description: 'no icon' } },
      },
    },
    '/demo': {
      get: {
        tags: ['static'],
        operationId: 'demoPage',
        summary: 'Demo page embedding the script tag for the demo project',
        responses: { 200: text('HTML', 'text/html'), 404: E[404]('demo project') },
      },
    },
    '/dashboard': {
      get: session({
        operationId: 'dashboard',
        summary: 'Projects (or the login form without a session)',
        responses: { 200: text('HTML', 'text/html') },
      }),
    },
    '/dashboard/login': {
      post: {
        tags: ['dashboard'],
        operationId: 'dashboardLogin',
        summary: 'Sign in with the admin token (form field `token`); sets the session cookie',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['token'],
                properties: { token: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          303: { description: 'signed in; redirect to /dashboard' },
          401: text('login form again: wrong token', 'text/html'),
          403: err('cross-origin post (cross_origin)'),
          429: E[429],
        },
      },
    },
    '/dashboard/logout': {
      post: {
        tags: ['dashboard'],
        operationId: 'dashboardLogout',
        responses: {
          303: { description: 'signed out; redirect to /dashboard' },
          403: err('cross-origin post (cross_origin)'),
        },
      },
    },
    '/dashboard/assets/dashboard.css': {
      get: {
        tags: ['dashboard'],
        operationId: 'dashboardCss',
        responses: { 200: text('stylesheet', 'text/css') },
      },
    },
    '/dashboard/p/{id}': {
      get: session({
        operationId: 'dashboardProject',
        responses: {
          200: text('HTML', 'text/html'),
          401: text('login form', 'text/html'),
          404: text('not found page', 'text/html'),
        },
      }),
    },
    '/dashboard/p/{id}/s/{surveyId}': {
      get: session({
        operationId: 'dashboardSurvey',
        responses: {
          200: text('HTML with charts', 'text/html'),
          401: text('login form', 'text/html'),
          404: text('not found page', 'text/html'),
        },
      }),
    },
    '/dashboard/p/{id}/s/{surveyId}/responses.csv': {
      get: session({
        operationId: 'dashboardSurveyCsv',
        responses: {
          200: text('responses as CSV', 'text/csv'),
          401: text('login form', 'text/html'),
          404: E[404]('survey'),
        },
      }),
    },
  }
}

let doc: unknown
/** The OpenAPI 3.1 document served at /openapi.json. */
export function openApiDocument(): unknown {
  doc ??= {
    openapi: '3.1.0',
    info: {
      title: 'Candor collection server',
      version: '1',
      description:
        'Public routes take the project key in the path (sendBeacon cannot set headers) and ' +
        'answer CORS. Admin routes need `Authorization: Bearer <admin token>`. Every error ' +
        'is JSON `{ "error": { "code", "message" } }`; bad input never gives a 5xx.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      'public',
      'projects',
      'surveys',
      'results',
      'webhooks',
      'operations',
      'static',
      'dashboard',
    ].map((name) => ({ name })),
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'the admin token' },
        dashboardSession: { type: 'apiKey', in: 'cookie', name: 'candor_session' },
      },
      schemas: {
        Error: json(ErrorBody, 'output'),
        Survey: json(Survey, 'input'),
        SurveyRecord: json(SurveyRecord, 'output'),
        WireEvent: json(WireEvent, 'input'),
        EventsEnvelope: {
          ...json(EventsEnvelope, 'input'),
          properties: {
            ...(json(EventsEnvelope, 'input').properties as object),
            events: {
              type: 'array',
              minItems: 1,
              maxItems: 500,
              items: ref('WireEvent'),
              description: 'each event is validated on its own; bad ones come back in rejected',
            },
          },
        },
        EventsResult: json(EventsResult, 'output'),
        ConfigResponse: json(ConfigResponse, 'output'),
        ForgetRequest: json(ForgetRequest, 'input'),
        ForgetResult: json(ForgetResult, 'output'),
        Project: json(ProjectJson, 'output'),
        ProjectCreate: json(ProjectCreate, 'input'),
        ProjectUpdate: json(ProjectUpdate, 'input'),
        Response: json(ResponseJson, 'output'),
        Event: json(EventJson, 'output'),
        Summary: json(SummaryJson, 'output'),
        Webhook: json(WebhookJson, 'output'),
        WebhookCreate: json(WebhookCreate, 'input'),
        Delivery: json(DeliveryJson, 'output'),
        Ready: json(ReadyJson, 'output'),
      },
    },
    paths: withPathParams(buildPaths()),
  }
  return doc
}
